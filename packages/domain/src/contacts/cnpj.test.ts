import { describe, expect, it } from "vitest";
import { checkCnpj, cnpjCheckDigits, formatCnpj, parseCnpj } from "./cnpj";

describe("CNPJ", () => {
  it.each([
    ["11.222.333/0001-81", "11222333000181"],
    ["00.000.000/0001-91", "00000000000191"], // Banco do Brasil
    ["33.000.167/0001-01", "33000167000101"], // Petrobras
    ["60701190000104", "60701190000104"], // Itaú Unibanco, written without punctuation
    [" 47.960.950/0001-21 ", "47960950000121"], // Magazine Luiza, with spaces around
  ])("accepts %s and keeps its 14 digits", (input, stored) => {
    expect(parseCnpj(input)).toBe(stored);
  });

  it("accepts the alphanumeric CNPJ issued since July 2026, letters in any case", () => {
    // the example of the Receita Federal's (SERPRO) manual on the alphanumeric CNPJ check digits
    expect(parseCnpj("12.ABC.345/01DE-35")).toBe("12ABC34501DE35");
    expect(parseCnpj("12abc34501de35")).toBe("12ABC34501DE35");
    expect(checkCnpj("12.ABC.345/01DE-36")).toBeUndefined();
  });

  it.each([
    ["11.222.333/0001-82", "check digits"], // second check digit off by one
    ["11.222.333/0001-71", "check digits"], // first check digit off by one
    ["11.222.333/0002-81", "check digits"], // a branch number changed, digits kept
    ["11.111.111/1111-11", "check digits"], // all the same digit: never issued
    ["00000000000000", "check digits"],
    ["11.222.333/0001-8", "14 characters"],
    ["112223330001811", "14 characters"],
    ["11.222.333/0001-8A", "14 characters"], // check digits are never letters
    ["123.456.789-09", "14 characters"], // a CPF, not a CNPJ
    ["", "14 characters"],
  ])("refuses %s (%s) with a field error on taxId", (input, problem) => {
    expect(() => parseCnpj(input)).toThrowError(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: { fieldErrors: { taxId: [expect.stringContaining(problem)] } },
      }),
    );
  });

  it("computes both check digits with the module 11 weights", () => {
    expect(cnpjCheckDigits("112223330001")).toBe("81");
    expect(cnpjCheckDigits("123456780001")).toBe("95");
  });

  it("formats as 12.345.678/0001-95", () => {
    expect(formatCnpj("12345678000195")).toBe("12.345.678/0001-95");
    expect(formatCnpj("12ABC34501DE35")).toBe("12.ABC.345/01DE-35");
  });
});
