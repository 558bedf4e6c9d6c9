import { describe, expect, it } from "vitest";
import { parseEmail } from "./email";
import { DomainError } from "./errors";

const rejection = (input: string, field?: string) => {
  try {
    parseEmail(input, field);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
};

describe("parseEmail", () => {
  it("trims and lower-cases", () => {
    expect(parseEmail("  Maria.Silva@Example.COM.br ")).toBe("maria.silva@example.com.br");
  });

  it.each([
    "ana@empresa.com",
    "joao+crm@gmail.com",
    "first.last@sub.domain.co",
    "o'neil@example.ie",
    "x@a-b.io",
    "user@xn--mnchen-3ya.de",
  ])("accepts %s", (input) => {
    expect(parseEmail(input)).toBe(input);
  });

  it.each([
    "",
    "   ",
    "plainaddress",
    "@example.com",
    "ana@",
    "ana@localhost",
    "ana@@example.com",
    "ana@exa mple.com",
    "ana silva@example.com",
    ".ana@example.com",
    "ana.@example.com",
    "an..a@example.com",
    "ana@-example.com",
    "ana@example-.com",
    "ana@example..com",
    "ana@example.c",
    "ana@example.123",
    "joão@example.com",
    "ana@exámple.com",
    '"quoted"@example.com',
    "ana\n@example.com",
  ])("rejects %j", (input) => {
    expect(() => parseEmail(input)).toThrow(DomainError);
  });

  it("rejects addresses beyond the RFC 5321 length limits", () => {
    expect(() => parseEmail(`${"a".repeat(65)}@example.com`)).toThrow(DomainError);
    expect(parseEmail(`${"a".repeat(64)}@example.com`)).toHaveLength(76);
    const longDomain = `${["a", "b", "c", "d", "e"].map((c) => c.repeat(60)).join(".")}.com`;
    expect(() => parseEmail(`ana@${longDomain}`)).toThrow(DomainError);
    expect(() => parseEmail(`ana@${"a".repeat(64)}.com`)).toThrow(DomainError);
  });

  it("reports a VALIDATION_FAILED error on the caller's field", () => {
    expect(rejection("nope")).toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fieldErrors: { email: ["Invalid email address"] } },
    });
    expect(rejection("nope", "billingEmail")).toMatchObject({
      details: { fieldErrors: { billingEmail: ["Invalid email address"] } },
    });
  });
});
