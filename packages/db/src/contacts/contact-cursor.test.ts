import { describe, expect, it } from "vitest";
import { encodeCursor } from "../shared/cursor";
import { decodeContactCursor, decodeRowCursor, encodeContactCursor, encodeRowCursor } from "./contact-cursor";

const id = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString("base64url");
const invalid = expect.objectContaining({ code: "VALIDATION_FAILED", message: "Invalid cursor" });

describe("decodeContactCursor", () => {
  it("reads back what encodeContactCursor wrote, in either order", () => {
    const byDate = { sort: "createdAt", key: "2026-01-01T00:00:00.123456Z", id } as const;
    const byName = { sort: "name", key: "ana", id } as const;
    expect(decodeContactCursor(encodeContactCursor(byDate), "createdAt")).toEqual(byDate);
    expect(decodeContactCursor(encodeContactCursor(byName), "name")).toEqual(byName);
  });

  it.each([
    ["36 dashes as the id", ["createdAt", "2026-01-01T00:00:00Z", "-".repeat(36)], "createdAt"],
    ["an id of hex digits in the wrong places", ["name", "ana", "0".repeat(36)], "name"],
    ["a time far before Postgres' range", ["createdAt", "-200000-01-01T00:00:00Z", id], "createdAt"],
    ["a time after year 9999", ["createdAt", "+010000-01-01T00:00:00Z", id], "createdAt"],
    ["a name holding NUL", ["name", "a\u0000b", id], "name"],
  ] as const)("refuses %s", (_, position, sort) => {
    expect(() => decodeContactCursor(crafted([...position]), sort)).toThrow(invalid);
  });
});

describe("a cursor of another list or sort", () => {
  const otherList = expect.objectContaining({
    code: "VALIDATION_FAILED",
    message: "This cursor belongs to another list or sort; start again without it",
  });
  const byName = { sort: "name", key: "ana", id } as const;

  it("is refused by the contact list, in the new form and the one before it", () => {
    expect(() => decodeContactCursor(encodeContactCursor(byName), "createdAt")).toThrow(otherList);
    expect(() => decodeContactCursor(crafted(["name", "ana", id]), "createdAt")).toThrow(otherList);
    expect(() => decodeContactCursor(encodeCursor(new Date(), id, "deals"), "createdAt")).toThrow(otherList);
    // the (created_at, id) form other lists wrote before cursors named their list: never this list's
    expect(() => decodeContactCursor(crafted({ at: new Date().toISOString(), id }), "createdAt")).toThrow(
      otherList,
    );
    expect(() => decodeRowCursor(id, encodeContactCursor(byName))).toThrow(otherList);
  });

  it("keeps the sync order's cursors to that order", () => {
    const byUpdate = { sort: "updatedAt", key: "2026-01-01T00:00:00.123Z", id } as const;
    expect(decodeContactCursor(encodeContactCursor(byUpdate), "updatedAt")).toEqual(byUpdate);
    expect(() => decodeContactCursor(encodeContactCursor(byUpdate), "createdAt")).toThrow(otherList);
    expect(() => decodeContactCursor(encodeContactCursor(byName), "updatedAt")).toThrow(otherList);
    expect(() => decodeContactCursor(crafted(["updatedAt", byUpdate.key, id]), "updatedAt")).toThrow(
      "Invalid cursor",
    );
  });

  it("leaves this list's cursors from before they named the list working", () => {
    expect(decodeContactCursor(crafted(["name", "ana", id]), "name")).toEqual(byName);
    expect(decodeRowCursor(id, Buffer.from("250").toString("base64url"))).toBe(250);
    expect(decodeRowCursor(id, encodeRowCursor(id, 250))).toBe(250);
  });

  it("keeps an import's row cursors to that import", () => {
    const otherImport = "0b6f7a52-6c1e-4f0e-9a3d-5c2b1e8f4d71";
    expect(() => decodeRowCursor(otherImport, encodeRowCursor(id, 250))).toThrow(otherList);
  });
});
