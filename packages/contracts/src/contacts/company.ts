import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";
import { expectedUpdatedAt } from "../shared/precondition";
import { syncSortDescription, updatedRangeInput } from "../shared/sync";

const addressPart = (description: string) => z.string().optional().describe(description);
export const postalAddress = z
  .object({
    street: addressPart("Logradouro, e.g. Av. Paulista"),
    number: addressPart("Número"),
    complement: addressPart("Complemento, e.g. sala 12"),
    district: addressPart("Bairro"),
    city: addressPart("Cidade"),
    state: addressPart("UF, 2 upper-case letters, e.g. SP"),
    postalCode: addressPart("CEP as 00000-000"),
  })
  .describe("Postal address; parts never given are absent");

/** The company a contact works for (not the tenant, which is the organization). */
export const company = z.object({
  id,
  name: z.string(),
  taxId: z
    .string()
    .nullable()
    .describe("CNPJ as its 14 characters without punctuation, e.g. 12345678000195 (format it to show it)"),
  domain: z.string().nullable().describe("Website host name, lower-case, e.g. acme.com.br"),
  phone: z.string().nullable().describe("E.164, e.g. +551134567890"),
  address: postalAddress.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const companySummary = company.extend({
  contactCount: z.number().int().describe("How many contacts work there"),
});
export const companyPage = pageOf(companySummary);

export const listCompaniesInput = z.object({
  ...pageInput,
  search: z
    .string()
    .max(100)
    .optional()
    .describe("Part of the name or of the website domain, or digits of the CNPJ with or without punctuation"),
  ...updatedRangeInput,
  sort: z
    .enum(["createdAt", "updatedAt"])
    .optional()
    .describe(`createdAt: newest first (the default); ${syncSortDescription}`),
});

const name = z.string().max(500).describe("Unique in the organization, whatever the letter case");
const taxId = z
  .string()
  .max(32)
  .nullable()
  .optional()
  .describe(
    "CNPJ, formatted (12.345.678/0001-95) or not; the alphanumeric CNPJ too. Its check digits must match. " +
      "Unique in the organization (409 with data.existingId). Stored without punctuation; null or empty clears it",
  );
const domain = z
  .string()
  .max(300)
  .nullable()
  .optional()
  .describe('Website; "https://www.Acme.com.br/contato" is stored as acme.com.br. null or empty clears it');
const phone = z
  .string()
  .max(64)
  .nullable()
  .optional()
  .describe("Any usual format; numbers without a country code are read as Brazilian. Stored as E.164");
const addressPartInput = (description: string) =>
  z.string().max(500).nullable().optional().describe(description);
const addressInput = strictInput({
  street: addressPartInput("Logradouro"),
  number: addressPartInput("Número"),
  complement: addressPartInput("Complemento"),
  district: addressPartInput("Bairro"),
  city: addressPartInput("Cidade"),
  state: addressPartInput("UF, 2 letters"),
  postalCode: addressPartInput("CEP, 8 digits, with or without the hyphen"),
})
  .nullable()
  .optional()
  .describe("Postal address, every part optional; replaces the whole address. null clears it");
const details = { taxId, domain, phone, address: addressInput };
export const createCompanyInput = strictInput({ name, ...details });
export const updateCompanyInput = strictInput({
  id,
  name: name.optional(),
  ...details,
  expectedUpdatedAt,
});
