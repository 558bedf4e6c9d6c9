import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { assertPasswordStrength, slugify, slugPattern } from "./policy";

describe("password strength", () => {
  it("accepts ten characters or more", () => {
    expect(() => assertPasswordStrength("0123456789")).not.toThrow();
  });

  it.each(["", "short", "123456789", " ".repeat(12), "x".repeat(257)])(
    "rejects %j with a field error",
    (password) => {
      try {
        assertPasswordStrength(password);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe("VALIDATION_FAILED");
        expect((error as DomainError).details?.fieldErrors?.password?.length).toBeGreaterThan(0);
      }
    },
  );
});

describe("slugify", () => {
  it.each([
    ["Padaria Pão Quente", "padaria-pao-quente"],
    ["  Açaí & Cia. Ltda  ", "acai-cia-ltda"],
    ["!!!", "org"],
    ["x".repeat(80), "x".repeat(48)],
  ])("%j -> %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(slugPattern.test(slugify(name))).toBe(true);
  });
});
