import { describe, expect, it } from "vitest";
import { encodeCursor } from "../shared/cursor";
import { decodeContactCursor, decodeRowCursor, encodeContactCursor, encodeRowCursor } from "./contact-cursor";

const id = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString("base64url");
const invalid = expect.objectContaining({ code: "VALIDATION_FAILED", message: "Invalid cursor" });
// no filter
const none = {};

describe("decodeContactCursor", () => {
  it("reads back what encodeContactCursor wrote, in either order", () => {
    const byDate = { sort: "createdAt", key: "2026-01-01T00:00:00.123456Z", id } as const;
    const byName = { sort: "name", key: "ana", id } as const;
    expect(decodeContactCursor(encodeContactCursor(byDate, none), "createdAt", none)).toEqual(byDate);
    expect(decodeContactCursor(encodeContactCursor(byName, none), "name", none)).toEqual(byName);
  });

  it.each([
    ["36 dashes as the id", ["createdAt", "2026-01-01T00:00:00Z", "-".repeat(36)], "createdAt"],
    ["an id of hex digits in the wrong places", ["name", "ana", "0".repeat(36)], "name"],
    ["a time far before Postgres' range", ["createdAt", "-200000-01-01T00:00:00Z", id], "createdAt"],
    ["a time after year 9999", ["createdAt", "+010000-01-01T00:00:00Z", id], "createdAt"],
    ["a name holding NUL", ["name", "a\u0000b", id], "name"],
  ] as const)("refuses %s", (_, position, sort) => {
    expect(() => decodeContactCursor(crafted([...position]), sort, none)).toThrow(invalid);
  });
});

describe("a cursor of another list or sort", () => {
  const otherList = expect.objectContaining({
    code: "VALIDATION_FAILED",
    message: "This cursor belongs to another list or sort; start again without it",
  });
  const byName = { sort: "name", key: "ana", id } as const;

  it("is refused by the contact list, in the new form and the one before it", () => {
    expect(() => decodeContactCursor(encodeContactCursor(byName, none), "createdAt", none)).toThrow(
      otherList,
    );
    expect(() => decodeContactCursor(crafted(["name", "ana", id]), "createdAt", none)).toThrow(otherList);
    expect(() => decodeContactCursor(encodeCursor(new Date(), id, "deals"), "createdAt", none)).toThrow(
      otherList,
    );
    // the (created_at, id) form other lists wrote before cursors named their list: never this list's
    expect(() =>
      decodeContactCursor(crafted({ at: new Date().toISOString(), id }), "createdAt", none),
    ).toThrow(otherList);
    expect(() => decodeRowCursor(id, encodeContactCursor(byName, none), none)).toThrow(otherList);
  });

  it("keeps the sync order's cursors to that order", () => {
    const byUpdate = { sort: "updatedAt", key: "2026-01-01T00:00:00.123Z", id } as const;
    expect(decodeContactCursor(encodeContactCursor(byUpdate, none), "updatedAt", none)).toEqual(byUpdate);
    expect(() => decodeContactCursor(encodeContactCursor(byUpdate, none), "createdAt", none)).toThrow(
      otherList,
    );
    expect(() => decodeContactCursor(encodeContactCursor(byName, none), "updatedAt", none)).toThrow(
      otherList,
    );
    expect(() => decodeContactCursor(crafted(["updatedAt", byUpdate.key, id]), "updatedAt", none)).toThrow(
      "Invalid cursor",
    );
  });

  it("leaves this list's cursors from before they named the list working", () => {
    expect(decodeContactCursor(crafted(["name", "ana", id]), "name", none)).toEqual(byName);
    expect(decodeRowCursor(id, Buffer.from("250").toString("base64url"), none)).toBe(250);
    expect(decodeRowCursor(id, encodeRowCursor(id, 250, none), none)).toBe(250);
  });

  it("keeps an import's row cursors to that import", () => {
    const otherImport = "0b6f7a52-6c1e-4f0e-9a3d-5c2b1e8f4d71";
    expect(() => decodeRowCursor(otherImport, encodeRowCursor(id, 250, none), none)).toThrow(otherList);
  });
});

describe("a contact list cursor of other filters", () => {
  const otherFilters = expect.objectContaining({
    code: "VALIDATION_FAILED",
    message: expect.stringMatching(/^This cursor belongs to this list with other filters/),
  });
  const byName = { sort: "name", key: "ana", id } as const;
  const tagged = { tagId: id };

  it("is refused; the same filters, in whatever order they were written, read it back", () => {
    const cursor = encodeContactCursor(byName, { search: "ana", hasPhone: true });
    expect(decodeContactCursor(cursor, "name", { hasPhone: true, search: "ana" })).toEqual(byName);
    expect(() => decodeContactCursor(cursor, "name", { search: "ana", hasPhone: false })).toThrow(
      otherFilters,
    );
    expect(() => decodeContactCursor(cursor, "name", { search: "ana" })).toThrow(otherFilters);
    expect(() => decodeContactCursor(encodeContactCursor(byName, none), "name", tagged)).toThrow(
      otherFilters,
    );
  });

  it("is refused when it is of the form before lists were named, which bound no filter", () => {
    expect(() => decodeContactCursor(crafted(["name", "ana", id]), "name", tagged)).toThrow(otherFilters);
  });

  it("of an import's rows of another outcome is refused, and so is a row number from before", () => {
    const errors = { outcome: "error" } as const;
    expect(decodeRowCursor(id, encodeRowCursor(id, 250, errors), errors)).toBe(250);
    expect(() => decodeRowCursor(id, encodeRowCursor(id, 250, errors), none)).toThrow(otherFilters);
    expect(() => decodeRowCursor(id, encodeRowCursor(id, 250, none), errors)).toThrow(otherFilters);
    expect(() => decodeRowCursor(id, Buffer.from("250").toString("base64url"), errors)).toThrow(otherFilters);
  });
});
