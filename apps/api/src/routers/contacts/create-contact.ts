import { contact, createContactInput } from "@crm/contracts";
import { createContact as create } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactDto } from "./dto";

export const createContact = permission("contacts:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/contacts",
      tags: ["contacts"],
      summary: "Create a contact (409 with data.existingId when its phone or email is taken)",
    },
  })
  .input(createContactInput)
  .output(contact)
  .mutation(async ({ ctx, input }) => toContactDto(await create(ctx.container.contacts, ctx.actor, input)));
