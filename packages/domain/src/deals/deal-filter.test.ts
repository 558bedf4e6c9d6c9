import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { parseDealFilter } from "./deal-filter";
import type { Pipeline } from "./model";

const now = new Date("2025-06-15T12:00:00.000Z");
const pipeline: Pipeline = {
  id: "p",
  organizationId: "o",
  name: "P",
  winOnPayment: true,
  createdAt: now,
  updatedAt: now,
  stages: [
    { id: "a", name: "A", order: 0, color: "#000000", probability: 0, rottingDays: 2 },
    { id: "b", name: "B", order: 1, color: "#000000", probability: 0, rottingDays: null },
  ],
};

describe("parseDealFilter", () => {
  it("compares values only within one currency", () => {
    expect(() => parseDealFilter({ valueMin: "10" }, [], now)).toThrow(
      expect.objectContaining({
        details: { fieldErrors: { currency: ["valueMin needs the currency it is in"] } },
      }),
    );
    expect(parseDealFilter({ currency: "brl", valueMin: "10", valueMax: "20.5" }, [], now)).toMatchObject({
      currency: "BRL",
      valueMin: "10.00",
      valueMax: "20.50",
    });
  });

  it("trims the search, treats a blank one as none and refuses one over 200 characters", () => {
    expect(parseDealFilter({ search: "  Padaria  " }, [], now).search).toBe("Padaria");
    expect(parseDealFilter({ search: "   " }, [], now).search).toBeUndefined();
    expect(parseDealFilter({ search: ` ${"a".repeat(200)} ` }, [], now).search).toHaveLength(200);
    expect(() => parseDealFilter({ search: "a".repeat(201) }, [], now)).toThrow(
      expect.objectContaining({
        details: { fieldErrors: { search: ["search must have at most 200 characters"] } },
      }),
    );
  });

  it("rejects malformed or inverted bounds", () => {
    expect(() => parseDealFilter({ currency: "BRL", valueMin: "ten" }, [], now)).toThrow(DomainError);
    expect(() => parseDealFilter({ currency: "BRL", valueMin: "20", valueMax: "10" }, [], now)).toThrow(
      DomainError,
    );
  });

  it("turns rotting into the cutoffs of the stages that rot", () => {
    expect(parseDealFilter({ rotting: true }, [pipeline], now).rotting).toEqual({
      rotting: true,
      cutoffs: [{ stageId: "a", enteredBefore: new Date("2025-06-13T12:00:00.000Z") }],
    });
  });
});
