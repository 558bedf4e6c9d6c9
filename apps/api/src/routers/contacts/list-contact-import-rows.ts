import { contactImportRowPage, contactImportRowsInput } from "@crm/contracts";
import { listContactImportRows as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toImportRowDto } from "./dto";

export const listContactImportRows = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/contacts/imports/{id}/rows",
      tags: ["contacts"],
      summary: "What happened to each row of a CSV import, in file order",
    },
  })
  .input(contactImportRowsInput)
  .output(contactImportRowPage)
  .query(async ({ ctx, input }) => {
    const { id, outcome, ...page } = input;
    // the import counts error rows as `failed`: the filter takes that name too; `warned` is no outcome
    const result = await list(
      ctx.container.contacts,
      ctx.actor,
      id,
      page,
      outcome === "warned" ? { warned: true } : { outcome: outcome === "failed" ? "error" : outcome },
    );
    return { items: result.items.map(toImportRowDto), nextCursor: result.nextCursor };
  });
