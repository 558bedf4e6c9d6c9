import { contactImport, idInput } from "@crm/contracts";
import { getContactImport as get } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactImportDto } from "./dto";

export const getContactImport = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/contacts/imports/{id}",
      tags: ["contacts"],
      summary: "A CSV import's status and progress",
    },
  })
  .input(idInput)
  .output(contactImport)
  .query(async ({ ctx, input }) =>
    toContactImportDto(await get(ctx.container.contacts, ctx.actor, input.id)),
  );
