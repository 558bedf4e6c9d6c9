import { describe, expect, it } from "vitest";
import { encodeCursor } from "../shared/cursor";
import { decodeActivityCursor, encodeActivityCursor } from "./activity-cursor";

const deal = "5a0e8f3c-2d4b-4c1a-9e7f-1b2c3d4e5f60";
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("activity cursor", () => {
  it("reads back the timestamp and write position it was given", () => {
    const at = new Date("2025-06-15T12:00:00.123Z");
    expect(decodeActivityCursor(deal, encodeActivityCursor(deal, at, "42"))).toEqual({
      at: at.toISOString(),
      seq: "42",
    });
    expect(decodeActivityCursor(deal, undefined)).toBeUndefined();
  });

  it("refuses another deal's cursor as another list's", () => {
    const cursor = encodeActivityCursor(deal, new Date(), "42");
    expect(() => decodeActivityCursor("0b6f7a52-6c1e-4f0e-9a3d-5c2b1e8f4d71", cursor)).toThrow(
      "This cursor belongs to another list or sort; start again without it",
    );
  });

  it.each([
    ["garbage", "not base64 json"],
    [
      "a (created_at, id) cursor of the other lists",
      encodeCursor(new Date(), "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", "deals"),
    ],
    ["a position beyond bigint", encode({ at: "2025-06-15T12:00:00.123Z", seq: "9".repeat(19) })],
    ["a negative position", encode({ at: "2025-06-15T12:00:00.123Z", seq: "-1" })],
    ["a time Postgres refuses", encode({ at: "+275760-09-13T00:00:00.000Z", seq: "1" })],
  ])("refuses %s as a 400", (_, cursor) => {
    expect(() => decodeActivityCursor(deal, cursor)).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
  });
});
