import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import type { DealStatus } from "./model";
import { changeDealStatus } from "./status";

const now = new Date("2025-06-15T12:00:00.000Z");
const earlier = "2025-06-01T12:00:00.000Z";
const open = { status: "open" as DealStatus, lostReason: null, wonAt: null, lostAt: null };
const won = { status: "won" as DealStatus, lostReason: null, wonAt: earlier, lostAt: null };
const lost = { status: "lost" as DealStatus, lostReason: "Too expensive", wonAt: null, lostAt: earlier };

describe("changeDealStatus", () => {
  it("wins an open deal, stamping wonAt", () => {
    expect(changeDealStatus(open, "won", undefined, now)).toEqual({
      status: "won",
      lostReason: null,
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
