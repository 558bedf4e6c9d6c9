import { describe, expect, it } from "vitest";
import { decodeKeyset, encodeKeyset, isTimestampValue, isUuidValue } from "./keyset";

const id = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
const read = (value: Record<string, unknown>) =>
  isTimestampValue(value.at) && isUuidValue(value.id) ? { at: value.at, id: value.id } : undefined;

describe("decodeKeyset", () => {
  it("reads back a position whose time and id Postgres accepts", () => {
    const position = { at: "9999-12-31T23:59:59.999999Z", id };
    expect(decodeKeyset(encodeKeyset(position, "inbox"), read, "inbox")).toEqual(position);
  });

  it.each([
    { at: "-200000-01-01T00:00:00Z", id },
    { at: "2026-01-01T00:00:00Z", id: "x" },
    { at: "2026-01-01T00:00:00Z", id: "-".repeat(36) },
  ])("refuses %j as an invalid cursor", (position) => {
    expect(() => decodeKeyset(encodeKeyset(position, "inbox"), read, "inbox")).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: "Invalid cursor" }),
    );
  });
});
