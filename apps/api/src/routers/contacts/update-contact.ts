import { contact, updateContactInput } from "@crm/contracts";
import { updateContact as update } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactDto } from "./dto";

export const updateContact = permission("contacts:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/contacts/{id}",
      tags: ["contacts"],
      summary: "Update a contact (409 with data.existingId when the new phone or email is taken)",
    },
  })
  .input(updateContactInput)
  .output(contact)
  .mutation(async ({ ctx, input }) => {
    const { id, ...patch } = input;
    return toContactDto(await update(ctx.container.contacts, ctx.actor, id, patch));
  });
