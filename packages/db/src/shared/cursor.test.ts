import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, filteredList } from "./cursor";

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

describe("a cursor's filters", () => {
  const at = new Date("2026-01-01T00:00:00.123Z");
  const message =
    "This cursor belongs to this list with other filters; pass the filters of its first page, or start again without it";
  const otherFilters = expect.objectContaining({
    code: "VALIDATION_FAILED",
    message,
    details: { fieldErrors: { cursor: [message] } },
  });
  const contactA = filteredList("conversations", { contactId: id, status: "open" });

  it("are read back by the same list with the same values, whatever their order and absent ones", () => {
    const cursor = encodeCursor(at, id, contactA);
    const same = filteredList("conversations", { status: "open", channel: undefined, contactId: id });
    expect(decodeCursor(cursor, same)).toEqual({ at: at.toISOString(), id });
  });

  it("refuse the cursor when a value differs, is added or is left out", () => {
    const cursor = encodeCursor(at, id, contactA);
    const otherContact = "0b6f7a52-6c1e-4f0e-9a3d-5c2b1e8f4d71";
    for (const filters of [
      { contactId: otherContact, status: "open" },
      { contactId: id, status: "open", unread: true },
      { contactId: id },
      {},
    ]) {
      expect(() => decodeCursor(cursor, filteredList("conversations", filters))).toThrow(otherFilters);
    }
    expect(() => decodeCursor(cursor, "conversations")).toThrow(otherFilters);
    expect(() => decodeCursor(encodeCursor(at, id, "conversations"), contactA)).toThrow(otherFilters);
  });

  it("compare dates by their instant and nested values by their keys", () => {
    const window = filteredList("deals", { updatedFrom: at, assignee: { userId: id } });
    const cursor = encodeCursor(at, id, window);
    const same = filteredList("deals", { assignee: { userId: id }, updatedFrom: new Date(at.getTime()) });
    expect(decodeCursor(cursor, same)).toEqual({ at: at.toISOString(), id });
    const later = filteredList("deals", {
      updatedFrom: new Date(at.getTime() + 1),
      assignee: { userId: id },
    });
    expect(() => decodeCursor(cursor, later)).toThrow(otherFilters);
  });

  it("leave a list read with none its cursors from before filters were bound", () => {
    const before = crafted({ list: "payments", at: at.toISOString(), id });
    expect(decodeCursor(before, filteredList("payments", { status: undefined }))).toEqual({
      at: at.toISOString(),
      id,
    });
    expect(encodeCursor(at, id, filteredList("payments", {}))).toBe(before);
    expect(() => decodeCursor(before, filteredList("payments", { status: "paid" }))).toThrow(otherFilters);
  });

  it("come after the list: another list's cursor is refused as another list's", () => {
    expect(() =>
      decodeCursor(encodeCursor(at, id, contactA), filteredList("deals", { contactId: id })),
    ).toThrow(
      expect.objectContaining({
        message: "This cursor belongs to another list or sort; start again without it",
      }),
    );
  });
});
