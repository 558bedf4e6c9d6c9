import { companyPage, listCompaniesInput } from "@crm/contracts";
import { checkUpdatedRange } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toCompanySummaryDto } from "../contacts/dto";
import { toUpdatedRange } from "../shared/updated-range";

export const listCompanies = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/companies",
      tags: ["companies"],
      summary: "List companies, newest first, each with its number of contacts",
      description:
        "To sync changes: sort=updatedAt with updatedFrom (see the README's Syncing changes); rows changed " +
        "while you page come again at the end.",
    },
  })
  .input(listCompaniesInput)
  .output(companyPage)
  .query(async ({ ctx, input }) => {
    const { cursor, limit, search, sort } = input;
    const page = await ctx.container.contacts.store.companies.list(
      ctx.actor.organizationId,
      { search, ...checkUpdatedRange(toUpdatedRange(input)) },
      { cursor, limit, sort },
    );
    return { items: page.items.map(toCompanySummaryDto), nextCursor: page.nextCursor };
  });
