import { companyPage, listCompaniesInput } from "@crm/contracts";
import { permission } from "../../trpc/init";
import { toCompanySummaryDto } from "../contacts/dto";

export const listCompanies = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/companies",
      tags: ["companies"],
      summary: "List companies, newest first, each with its number of contacts",
    },
  })
  .input(listCompaniesInput)
  .output(companyPage)
  .query(async ({ ctx, input }) => {
    const { cursor, limit, search } = input;
    const page = await ctx.container.contacts.store.companies.list(
      ctx.actor.organizationId,
      { search },
      { cursor, limit },
    );
    return { items: page.items.map(toCompanySummaryDto), nextCursor: page.nextCursor };
  });
