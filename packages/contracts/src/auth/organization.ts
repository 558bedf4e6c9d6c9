import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { wholeNumber } from "../shared/field-formats";

export const organization = z
  .object({
    id,
    name: z.string(),
    slug: z.string().describe("URL-safe unique name"),
    dataRetentionDays: z
      .number()
      .int()
      .describe("Messages, and the records of deleted rows (GET /deletions), older than this are deleted"),
    defaultCurrency: z.string().describe("ISO 4217 code used when a value has none, e.g. BRL"),
    timezone: z.string().describe("IANA time zone, e.g. America/Sao_Paulo"),
    locale: z.string().describe("Language of the organization: pt-BR or en"),
    createdAt: timestamp,
  })
  .describe("The tenant: a company using CRM Manager");

export const updateOrganizationInput = strictInput({
  name: z.string().min(1).max(200).optional(),
  slug: z.string().min(1).max(48).optional(),
  dataRetentionDays: wholeNumber(30, 3650, 365).optional().describe("Between 30 and 3650 days"),
  defaultCurrency: z.string().length(3).optional().describe("ISO 4217 code"),
  timezone: z.string().min(1).max(64).optional(),
  locale: z.enum(["pt-BR", "en"]).optional(),
});
