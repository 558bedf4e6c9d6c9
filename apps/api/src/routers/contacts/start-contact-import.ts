import { contactImport, startContactImportInput } from "@crm/contracts";
import { startContactImport as start } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactImportDto } from "./dto";

export const startContactImport = permission("contacts:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/contacts/imports",
      tags: ["contacts"],
      summary:
        "Import contacts from a CSV file in the background, or preview the import with dryRun; follow it with GET /contacts/imports/{id}",
    },
  })
  .input(startContactImportInput)
  .output(contactImport)
  .mutation(async ({ ctx, input }) =>
    toContactImportDto(await start(ctx.container.contacts, ctx.actor, input)),
  );
