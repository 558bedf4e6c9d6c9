import { confirmContactImportInput, contactImport } from "@crm/contracts";
import { confirmContactImport as confirm } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactImportDto } from "./dto";

export const confirmContactImport = permission("contacts:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/contacts/imports/{id}/confirm",
      tags: ["contacts"],
      summary:
        "Import the file of a completed preview (dryRun) without sending it again, with its mode or another; " +
        "answers the new import. 412 while the preview is not completed, when it failed or its file is no " +
        "longer kept, or when it is no preview; 409 (data.existingId: that import) when it was already " +
        "confirmed; data.fieldReasons.id says which. 404 when the preview no longer exists: one not confirmed " +
        "within IMPORT_PREVIEW_RETENTION_DAYS (default 7) days of finishing is deleted with its file by the daily retention",
    },
  })
  .input(confirmContactImportInput)
  .output(contactImport)
  .mutation(async ({ ctx, input }) =>
    toContactImportDto(await confirm(ctx.container.contacts, ctx.actor, input)),
  );
