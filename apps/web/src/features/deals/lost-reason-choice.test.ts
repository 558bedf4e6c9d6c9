import { describe, expect, it } from "vitest";
import { lostReasonChoice, lostReasonInput, otherReason } from "./lost-reason-choice";
import type { LostReason } from "./use-deal-options";

const reason = (id: string, name: string, archived = false): LostReason => ({
  id,
  name,
  position: 0,
  archived,
  archivedAt: archived ? "2026-11-01T00:00:00.000Z" : null,
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: "2026-11-01T00:00:00.000Z",
});
const price = reason("r-price", "Price");
const timing = reason("r-timing", "Wrong timing", true);
const failure = new Error("Internal server error");

describe("lostReasonChoice", () => {
  it("waits while the reasons load", () => {
    expect(lostReasonChoice({ data: undefined, error: null }, null)).toEqual({ kind: "loading" });
  });

  it("offers no written reason when the reasons failed to load, and keeps saying so while a retry runs", () => {
    expect(lostReasonChoice({ data: undefined, error: failure }, null)).toEqual({
      kind: "failed",
      error: failure,
      retrying: false,
    });
    expect(lostReasonChoice({ data: undefined, error: null }, failure)).toEqual({
      kind: "failed",
      error: failure,
      retrying: true,
    });
  });

  it("offers the reasons in use, leaving archived ones out", () => {
    expect(lostReasonChoice({ data: { items: [timing, price] }, error: null }, null)).toEqual({
      kind: "listed",
      offered: [price],
    });
  });

  it("asks for a written reason when the organization has none in use", () => {
    expect(lostReasonChoice({ data: { items: [] }, error: null }, null)).toEqual({ kind: "written" });
    expect(lostReasonChoice({ data: { items: [timing] }, error: null }, null)).toEqual({ kind: "written" });
  });

  it("keeps offering reasons loaded before when a later refresh fails", () => {
    expect(lostReasonChoice({ data: { items: [price] }, error: failure }, null)).toMatchObject({
      kind: "listed",
    });
  });
});

describe("lostReasonInput", () => {
  const listed = lostReasonChoice({ data: { items: [price] }, error: null }, null);
  const written = lostReasonChoice({ data: { items: [] }, error: null }, null);

  it("sends nothing while the reasons are loading or failed, whatever was typed", () => {
    expect(lostReasonInput({ kind: "loading" }, "", "Too expensive")).toBeNull();
    expect(
      lostReasonInput({ kind: "failed", error: failure, retrying: false }, "", "Too expensive"),
    ).toBeNull();
  });

  it("sends a picked reason with its optional note", () => {
    expect(lostReasonInput(listed, price.id, "  Asked for 20% off ")).toEqual({
      lostReasonId: price.id,
      lostReason: "Asked for 20% off",
    });
    expect(lostReasonInput(listed, price.id, "  ")).toEqual({
      lostReasonId: price.id,
      lostReason: undefined,
    });
  });

  it("asks for a pick under a list, or for words when Other or no list", () => {
    expect(lostReasonInput(listed, "", "Too expensive")).toEqual({ missing: "pick" });
    expect(lostReasonInput(listed, otherReason, " ")).toEqual({ missing: "text" });
    expect(lostReasonInput(written, "", "")).toEqual({ missing: "text" });
  });

  it("sends a written reason for Other, or when the organization has no list", () => {
    expect(lostReasonInput(listed, otherReason, " Went quiet ")).toEqual({ lostReason: "Went quiet" });
    expect(lostReasonInput(written, "", "Went quiet")).toEqual({ lostReason: "Went quiet" });
  });
});
