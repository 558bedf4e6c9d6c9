import { describe, expect, it } from "vitest";
import { parseCompanyFields } from "./company-fields";
import { formatPostalCode } from "./postal-address";

describe("parseCompanyFields", () => {
  it("normalizes the CNPJ, website, phone and address a person types", () => {
    expect(
      parseCompanyFields({
        name: " Padaria Pão Quente ",
        taxId: "11.222.333/0001-81",
        domain: "https://www.PadariaPaoQuente.com.br/contato?x=1",
        phone: "(11) 3456-7890",
        address: {
          street: " Av. Paulista ",
          number: "1578",
          complement: "",
          district: "Bela Vista",
          city: "São Paulo",
          state: "sp",
          postalCode: "01310-200",
        },
      }),
    ).toEqual({
      name: "Padaria Pão Quente",
      taxId: "11222333000181",
      domain: "padariapaoquente.com.br",
      phone: "+551134567890",
      address: {
        street: "Av. Paulista",
        number: "1578",
        district: "Bela Vista",
        city: "São Paulo",
        state: "SP",
        postalCode: "01310200",
      },
    });
  });

  it("clears with null or blank, and leaves out what is not given", () => {
    expect(parseCompanyFields({ taxId: "", domain: null, phone: " ", address: { city: " " } })).toEqual({
      taxId: null,
      domain: null,
      phone: null,
      address: null,
    });
    expect(parseCompanyFields({})).toEqual({});
  });

  it.each(["acme", "http://", "acme..com", "ana@acme.com", "acme.c0m", "-acme.com"])(
    "refuses the website %j",
    (domain) => {
      expect(() => parseCompanyFields({ domain })).toThrowError(
        expect.objectContaining({ details: { fieldErrors: { domain: [expect.any(String)] } } }),
      );
    },
  );

  it("names every bad field at once", () => {
    expect(() =>
      parseCompanyFields({
        name: "",
        taxId: "11.222.333/0001-80",
        phone: "123",
        address: { state: "XX", postalCode: "1310-200" },
      }),
    ).toThrowError(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: {
          fieldErrors: {
            name: [expect.any(String)],
            taxId: ["Invalid CNPJ: its check digits do not match"],
            phone: [expect.any(String)],
            "address.state": [expect.stringContaining("UF")],
            "address.postalCode": [expect.stringContaining("CEP")],
          },
        },
      }),
    );
  });

  it("formats a CEP as 00000-000", () => {
    expect(formatPostalCode("01310200")).toBe("01310-200");
  });
});
