import { describe, expect, it } from "vitest";
import { parseEmail } from "../shared/email";
import { parsePhone } from "../shared/phone";
import { duplicateCriteria, personalLocalPart, signalsOf } from "./possible-duplicates";

describe("duplicateCriteria", () => {
  it("matches a Brazilian mobile with and without its ninth digit", () => {
    const criteria = duplicateCriteria({ phone: parsePhone("(11) 98765-4321"), email: null });
    expect(criteria.phones).toEqual(["+5511987654321", "+551187654321"]);
  });

  it("matches a landline or a foreign number only as it is", () => {
    expect(duplicateCriteria({ phone: parsePhone("+55 21 2345-6789"), email: null }).phones).toEqual([
      "+552123456789",
    ]);
    expect(duplicateCriteria({ phone: null, email: null })).toEqual({ phones: [], emailLocalPart: null });
  });

  it("matches the email's local part", () => {
    expect(duplicateCriteria({ phone: null, email: parseEmail("Joao.Silva@Gmail.com") }).emailLocalPart).toBe(
      "joao.silva",
    );
  });
});

describe("personalLocalPart", () => {
  it("leaves out shared mailboxes and too short local parts, which say nothing about a person", () => {
    for (const email of ["contato@loja.com.br", "vendas@loja.com.br", "financeiro@x.com", "jo@x.com"]) {
      expect(personalLocalPart(email)).toBeNull();
    }
    expect(personalLocalPart("maria.souza@empresa.com.br")).toBe("maria.souza");
    expect(personalLocalPart(null)).toBeNull();
  });
});

describe("signalsOf", () => {
  it("lists the matched signals strongest first", () => {
    expect(signalsOf({ name: true, phone: true, emailLocalPart: true })).toEqual([
      "phone",
      "name",
      "emailLocalPart",
    ]);
    expect(signalsOf({ name: true, phone: false, emailLocalPart: false })).toEqual(["name"]);
  });
});
