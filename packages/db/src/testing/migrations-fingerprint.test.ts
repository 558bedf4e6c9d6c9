import { describe, expect, it } from "vitest";
import { migrationsFingerprint } from "./migrations-fingerprint";

describe("migrationsFingerprint", () => {
  it("hashes every listed migration's file into a short stable name", () => {
    const fingerprint = migrationsFingerprint();
    expect(fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(migrationsFingerprint()).toBe(fingerprint);
  });
});
