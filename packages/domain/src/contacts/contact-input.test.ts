import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { parseContactFields } from "./contact-input";

describe("a contact's own fields", () => {
  it("normalizes the phone to E.164 (Brazil by default) and lower-cases the email", () => {
    expect(
      parseContactFields({ name: "  Ana ", email: " Ana@Example.COM", phone: "(11) 98765-4321" }),
    ).toEqual({
      name: "Ana",
      email: "ana@example.com",
      phone: "+5511987654321",
    });
    expect(parseContactFields({ phone: "202-555-0143" }, "US")).toEqual({ phone: "+12025550143" });
  });

  it("clears email and phone given as null or empty; leaves absent ones alone", () => {
    expect(parseContactFields({ email: "", phone: null })).toEqual({ email: null, phone: null });
    expect(parseContactFields({})).toEqual({});
  });

  it("reports every invalid field at once", () => {
    try {
      parseContactFields({ name: " ", email: "nope", phone: "123", companyId: "42" });
      throw new Error("expected a rejection");
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details?.fieldErrors).toEqual({
        name: ["name is required"],
        email: ["Invalid email address"],
        phone: ["Invalid phone number"],
        companyId: ["companyId must be a UUID"],
      });
    }
  });
});
