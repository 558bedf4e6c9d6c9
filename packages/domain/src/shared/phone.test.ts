import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  brazilianMobileVariants,
  internationalPhone,
  missingAreaCodeMessage,
  type Phone,
  parsePhone,
} from "./phone";

describe("parsePhone", () => {
  it.each([
    ["(11) 98765-4321", "+5511987654321"],
    ["11987654321", "+5511987654321"],
    ["11 9 8765-4321", "+5511987654321"],
    ["+55 11 98765-4321", "+5511987654321"],
    ["5511987654321", "+5511987654321"],
    ["+55 21 2345-6789", "+552123456789"],
    ["(21) 2345-6789", "+552123456789"],
    ["+55 (61) 99876-5432", "+5561998765432"],
  ])("reads the Brazilian number %j as %s", (input, e164) => {
    expect(parsePhone(input)).toBe(e164);
  });

  it("gives back the ninth digit of a Brazilian mobile that arrives without it", () => {
    expect(parsePhone("551187654321")).toBe("+5511987654321");
    expect(parsePhone("+55 11 8765-4321")).toBe("+5511987654321");
    expect(parsePhone("(21) 7654-3210")).toBe("+5521976543210");
  });

  it("keeps an 8-digit landline as it is", () => {
    expect(parsePhone("+55 11 3456-7890")).toBe("+551134567890");
  });

  it("reads national numbers in the given region", () => {
    expect(parsePhone("(202) 555-0143", "US")).toBe("+12025550143");
    expect(parsePhone("202-555-0143", "us")).toBe("+12025550143");
    expect(parsePhone("612 345 678", "ES")).toBe("+34612345678");
  });

  it("reads an international number whatever the region", () => {
    expect(parsePhone("+1 202 555 0143")).toBe("+12025550143");
    expect(parsePhone("+44 20 7946 0958", "US")).toBe("+442079460958");
    expect(parsePhone("+55 11 98765-4321", "US")).toBe("+5511987654321");
  });

  it("does not read a Brazilian national number as American", () => {
    expect(() => parsePhone("11987654321", "US")).toThrow(DomainError);
  });

  it.each([
    "",
    "   ",
    "abc",
    "123",
    "not a phone",
    "+55",
    "+55 11 1234",
    "+55 00 98765-4321",
    "+999 1234 5678",
    "(11) 98765-43210000",
    "call me at 11 98765-4321",
    "11 98765-4321 ext. 12",
    "1".repeat(100),
  ])("rejects %j", (input) => {
    expect(() => parsePhone(input)).toThrow(DomainError);
  });

  it("reports VALIDATION_FAILED on the caller's field", () => {
    expect(() => parsePhone("abc")).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: { fieldErrors: { phone: ["Invalid phone number"] } },
      }),
    );
    expect(() => parsePhone("abc", "BR", "mobile")).toThrow(
      expect.objectContaining({ details: { fieldErrors: { mobile: ["Invalid phone number"] } } }),
    );
  });

  it.each(["98765-4321", "987654321", "3456-7890", " 9 8765 4321 "])(
    "says a Brazilian number %j lacks its area code (DDD), with a reason code",
    (input) => {
      expect(() => parsePhone(input)).toThrow(
        expect.objectContaining({
          code: "VALIDATION_FAILED",
          message: missingAreaCodeMessage,
          details: {
            fieldErrors: { phone: [missingAreaCodeMessage] },
            fieldReasons: { phone: "missing_area_code" },
          },
        }),
      );
      expect(missingAreaCodeMessage).toMatch(/area code \(DDD\)/);
    },
  );

  it("calls other invalid numbers invalid, and reads subscriber-length numbers elsewhere as that region does", () => {
    for (const input of ["123", "+98765-4321", "0000-0000", "1234-5678"])
      expect(() => parsePhone(input)).toThrow(
        expect.objectContaining({ details: { fieldErrors: { phone: ["Invalid phone number"] } } }),
      );
    expect(parsePhone("612 345 678", "ES")).toBe("+34612345678");
  });

  it("rejects an unknown region", () => {
    expect(() => parsePhone("11987654321", "XX")).toThrow(
      expect.objectContaining({ details: { fieldErrors: { phone: ["Unknown phone region XX"] } } }),
    );
  });
});

describe("brazilianMobileVariants", () => {
  const phone = (e164: string) => e164 as Phone;

  it("gives a Brazilian mobile with and without the ninth digit", () => {
    expect(brazilianMobileVariants(parsePhone("(11) 98765-4321"))).toEqual([
      "+5511987654321",
      "+551187654321",
    ]);
  });

  it("puts the form with the ninth digit first when given the short form", () => {
    expect(brazilianMobileVariants(phone("+551187654321"))).toEqual(["+5511987654321", "+551187654321"]);
  });

  it("gives only the number itself for a Brazilian landline", () => {
    expect(brazilianMobileVariants(parsePhone("+55 21 2345-6789"))).toEqual(["+552123456789"]);
  });

  it("does not drop the 9 from a mobile issued after the ninth digit, whose short form could be a landline", () => {
    expect(brazilianMobileVariants(phone("+5511953456789"))).toEqual(["+5511953456789"]);
  });

  it("gives only the number itself outside Brazil", () => {
    expect(brazilianMobileVariants(parsePhone("+1 202 555 0143"))).toEqual(["+12025550143"]);
    expect(brazilianMobileVariants(parsePhone("+34 612 345 678"))).toEqual(["+34612345678"]);
  });

  it("every variant parses back to the same contact number", () => {
    for (const variant of brazilianMobileVariants(parsePhone("21976543210"))) {
      expect(parsePhone(variant)).toBe("+5521976543210");
    }
  });
});

describe("internationalPhone", () => {
  it.each([
    ["+5547999990000", "+55 47 99999-0000"],
    ["+551134567890", "+55 11 3456-7890"],
    ["+12025550143", "+1 202 555 0143"],
    ["+442079460958", "+44 20 7946 0958"],
  ])("writes %s as %s, which parsePhone reads back the same", (e164, written) => {
    expect(internationalPhone(e164)).toBe(written);
    expect(parsePhone(written)).toBe(e164);
  });
});
