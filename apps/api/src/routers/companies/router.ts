import type { TRPCRouterRecord } from "@trpc/server";
import { createCompany } from "./create-company";
import { deleteCompany } from "./delete-company";
import { getCompany } from "./get-company";
import { listCompanies } from "./list-companies";
import { updateCompany } from "./update-company";

export const companiesRouter = {
  list: listCompanies,
  get: getCompany,
  create: createCompany,
  update: updateCompany,
  remove: deleteCompany,
} satisfies TRPCRouterRecord;
