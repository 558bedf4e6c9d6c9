import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

const id = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString("base64url");

describe("decodeCursor", () => {
  it("reads back what encodeCursor wrote, and an ISO time with microseconds", () => {
    const at = new Date("2026-01-01T00:00:00.123Z");
    expect(decodeCursor(encodeCursor(at, id, "deals"), "deals")).toEqual({ at: at.toISOString(), id });
    const micro = crafted({ list: "deals", at: "2026-01-01T00:00:00.123456Z", id });
    expect(decodeCursor(micro, "deals")).toEqual({ at: "2026-01-01T00:00:00.123456Z", id });
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
    expect(() => decodeCursor(crafted(position), "deals")).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: "Invalid cursor" }),
    );
  });
});

describe("a cursor's list", () => {
  const at = new Date("2026-01-01T00:00:00.123Z");
  const otherList = expect.objectContaining({
    code: "VALIDATION_FAILED",
    message: "This cursor belongs to another list or sort; start again without it",
    details: {
      fieldErrors: { cursor: ["This cursor belongs to another list or sort; start again without it"] },
    },
  });

  it("is read back by its own list only", () => {
    const cursor = encodeCursor(at, id, "companies");
    expect(decodeCursor(cursor, "companies")).toEqual({ at: at.toISOString(), id });
    expect(() => decodeCursor(cursor, "deals")).toThrow(otherList);
    expect(() => decodeCursor(cursor, "companies.updatedAt")).toThrow(otherList);
  });

  it("is required: a position naming no list is from no list of ours, and is refused as another list's", () => {
    expect(() => decodeCursor(crafted({ at: at.toISOString(), id }), "deals")).toThrow(otherList);
  });

  it.each([
    ["text that is no JSON", "not a cursor"],
    ["JSON that is no position", crafted(42)],
  ])("tells %s apart as an invalid cursor", (_, cursor) => {
    expect(() => decodeCursor(cursor, "deals")).toThrow(
      expect.objectContaining({ message: "Invalid cursor" }),
    );
  });
});
