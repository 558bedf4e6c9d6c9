import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

const id = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString("base64url");

describe("decodeCursor", () => {
  it("reads back what encodeCursor wrote, and an ISO time with microseconds", () => {
    const at = new Date("2026-01-01T00:00:00.123Z");
    expect(decodeCursor(encodeCursor(at, id))).toEqual({ at: at.toISOString(), id });
    const micro = crafted({ at: "2026-01-01T00:00:00.123456Z", id });
    expect(decodeCursor(micro)).toEqual({ at: "2026-01-01T00:00:00.123456Z", id });
  });

  it.each([
    ["an id that is not a UUID", { at: "2026-01-01T00:00:00Z", id: "x" }],
    ["36 dashes as the id", { at: "2026-01-01T00:00:00Z", id: "-".repeat(36) }],
    ["a time before year 1", { at: "-000001-12-31T00:00:00Z", id }],
    ["a time far before Postgres' range", { at: "-200000-01-01T00:00:00Z", id }],
    ["a time after year 9999", { at: "+010000-01-01T00:00:00Z", id }],
    ["a time that does not parse", { at: "yesterday", id }],
    ["a number as the time", { at: 0, id }],
  ])("refuses %s as an invalid cursor", (_, position) => {
    expect(() => decodeCursor(crafted(position))).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: "Invalid cursor" }),
    );
  });
});
