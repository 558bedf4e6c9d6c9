import { describe, expect, it } from "vitest";
import { encodeCursor } from "../shared/cursor";
import { decodeActivityCursor, encodeActivityCursor } from "./activity-cursor";

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("activity cursor", () => {
  it("reads back the timestamp and write position it was given", () => {
    const at = new Date("2025-06-15T12:00:00.123Z");
    expect(decodeActivityCursor(encodeActivityCursor(at, "42"))).toEqual({ at: at.toISOString(), seq: "42" });
    expect(decodeActivityCursor(undefined)).toBeUndefined();
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
    expect(() => decodeActivityCursor(cursor)).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
  });
});
