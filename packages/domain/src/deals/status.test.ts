import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import type { DealStatus } from "./model";
import { changeDealStatus } from "./status";

const now = new Date("2025-06-15T12:00:00.000Z");
const earlier = "2025-06-01T12:00:00.000Z";
const open = {
  status: "open" as DealStatus,
  lostReason: null,
  lostReasonId: null,
  wonAt: null,
  lostAt: null,
};
const won = {
  status: "won" as DealStatus,
  lostReason: null,
  lostReasonId: null,
  wonAt: earlier,
  lostAt: null,
};
const lost = {
  status: "lost" as DealStatus,
  lostReason: "Too expensive",
  lostReasonId: null,
  wonAt: null,
  lostAt: earlier,
};
const price = { id: "5b1c0d2e-0000-4000-8000-000000000001", name: "Preço" };
const silence = { id: "5b1c0d2e-0000-4000-8000-000000000002", name: "Sem resposta" };
const lostForPrice = { ...lost, lostReason: "Preço", lostReasonId: price.id };

describe("changeDealStatus", () => {
  it("wins an open deal, stamping wonAt", () => {
    expect(changeDealStatus(open, "won", undefined, now)).toEqual({
      status: "won",
      lostReason: null,
      lostReasonId: null,
      wonAt: now.toISOString(),
      lostAt: null,
      activity: "won",
    });
  });

  it("loses a deal only with a reason, which it trims", () => {
    expect(() => changeDealStatus(open, "lost", undefined, now)).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: { fieldErrors: { lostReason: expect.any(Array) } },
      }),
    );
    expect(() => changeDealStatus(open, "lost", "   ", now)).toThrow(DomainError);
    expect(changeDealStatus(open, "lost", " Chose a competitor ", now)).toEqual({
      status: "lost",
      lostReason: "Chose a competitor",
      lostReasonId: null,
      wonAt: null,
      lostAt: now.toISOString(),
      activity: "lost",
    });
  });

  it("reopens a won or lost deal, clearing what closing set", () => {
    for (const closed of [won, lost]) {
      expect(changeDealStatus(closed, "open", undefined, now)).toEqual({
        status: "open",
        lostReason: null,
        lostReasonId: null,
        wonAt: null,
        lostAt: null,
        activity: "reopened",
      });
    }
  });

  it("turns a won deal lost and a lost deal won directly", () => {
    expect(changeDealStatus(won, "lost", "Refunded", now)).toMatchObject({
      wonAt: null,
      lostAt: now.toISOString(),
      activity: "lost",
    });
    expect(changeDealStatus(lost, "won", undefined, now)).toMatchObject({
      lostReason: null,
      lostAt: null,
      wonAt: now.toISOString(),
      activity: "won",
    });
  });

  it("changes nothing when the status stays", () => {
    expect(changeDealStatus(open, "open", undefined, now)).toBeUndefined();
    expect(changeDealStatus(won, "won", undefined, now)).toBeUndefined();
    expect(changeDealStatus(won, undefined, undefined, now)).toBeUndefined();
    expect(changeDealStatus(lost, "lost", "Too expensive", now)).toBeUndefined();
  });

  it("updates a lost deal's reason without a new lost activity", () => {
    expect(changeDealStatus(lost, undefined, "No budget", now)).toEqual({
      status: "lost",
      lostReason: "No budget",
      lostReasonId: null,
      wonAt: null,
      lostAt: earlier,
      activity: null,
    });
  });

  it("refuses a lost reason on a deal that is not lost", () => {
    expect(() => changeDealStatus(open, undefined, "why", now)).toThrow(DomainError);
    expect(() => changeDealStatus(lost, "won", "why", now)).toThrow(DomainError);
  });
});

describe("changeDealStatus with a predefined reason", () => {
  it("loses a deal with a picked reason alone, its name becoming the text", () => {
    expect(changeDealStatus(open, "lost", undefined, now, price)).toEqual({
      status: "lost",
      lostReason: "Preço",
      lostReasonId: price.id,
      wonAt: null,
      lostAt: now.toISOString(),
      activity: "lost",
    });
    expect(changeDealStatus(open, "lost", "  ", now, price)).toMatchObject({ lostReason: "Preço" });
  });

  it("keeps the note given with a picked reason as the text", () => {
    expect(changeDealStatus(open, "lost", " Pediu 20% de desconto ", now, price)).toMatchObject({
      lostReason: "Pediu 20% de desconto",
      lostReasonId: price.id,
    });
  });

  it("keeps a lost deal's reason when only its text changes, and switches it when another is picked", () => {
    expect(changeDealStatus(lostForPrice, undefined, "Preço alto demais", now)).toMatchObject({
      lostReason: "Preço alto demais",
      lostReasonId: price.id,
      activity: null,
    });
    expect(changeDealStatus(lostForPrice, undefined, undefined, now, silence)).toMatchObject({
      lostReason: "Sem resposta",
      lostReasonId: silence.id,
      lostAt: earlier,
      activity: null,
    });
    expect(changeDealStatus(lostForPrice, "lost", undefined, now, price)).toBeUndefined();
  });

  it("drops the predefined reason when the deal is won or reopened", () => {
    expect(changeDealStatus(lostForPrice, "won", undefined, now)).toMatchObject({
      lostReason: null,
      lostReasonId: null,
    });
    expect(changeDealStatus(lostForPrice, "open", undefined, now)).toMatchObject({ lostReasonId: null });
  });

  it("refuses a picked reason on a deal that is not lost", () => {
    expect(() => changeDealStatus(open, undefined, undefined, now, price)).toThrow(
      expect.objectContaining({ details: { fieldErrors: { lostReasonId: expect.any(Array) } } }),
    );
    expect(() => changeDealStatus(lostForPrice, "open", undefined, now, price)).toThrow(DomainError);
  });
});
