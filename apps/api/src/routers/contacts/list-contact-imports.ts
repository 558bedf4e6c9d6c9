import { contactImportPage, listContactImportsInput } from "@crm/contracts";
import { listContactImports as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactImportDto } from "./dto";

export const listContactImports = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/contacts/imports",
      tags: ["contacts"],
      summary: "The organization's CSV imports, newest first, each with its status and progress",
    },
  })
  .input(listContactImportsInput)
  .output(contactImportPage)
  .query(async ({ ctx, input }) => {
    const page = await list(ctx.container.contacts, ctx.actor, input);
    return { items: page.items.map(toContactImportDto), nextCursor: page.nextCursor };
  });
