import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";
import { expectedUpdatedAt } from "../shared/precondition";
import { syncSortDescription, updatedRangeInput } from "../shared/sync";

/** The company a contact works for (not the tenant, which is the organization). */
export const company = z.object({ id, name: z.string(), createdAt: timestamp, updatedAt: timestamp });
export const companySummary = company.extend({
  contactCount: z.number().int().describe("How many contacts work there"),
});
export const companyPage = pageOf(companySummary);

export const listCompaniesInput = z.object({
  ...pageInput,
  search: z.string().max(100).optional().describe("Part of the name"),
  ...updatedRangeInput,
  sort: z
    .enum(["createdAt", "updatedAt"])
    .optional()
    .describe(`createdAt: newest first (the default); ${syncSortDescription}`),
});

const name = z.string().max(500).describe("Unique in the organization, whatever the letter case");
export const createCompanyInput = strictInput({ name });
export const updateCompanyInput = strictInput({ id, name, expectedUpdatedAt });
