import { contact, updateContactInput } from "@crm/contracts";
import { updateContact as update } from "@crm/domain";
import { etagResponseHeader, ifMatchRequestHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { preconditionOf } from "../../trpc/preconditions";
import { toContactDto } from "./dto";

export const updateContact = permission("contacts:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/contacts/{id}",
      tags: ["contacts"],
      summary: "Update a contact (409 with data.existingId when the new phone or email is taken)",
      requestHeaders: ifMatchRequestHeader,
      responseHeaders: etagResponseHeader,
    },
  })
  .input(updateContactInput)
  .output(contact)
  .mutation(async ({ ctx, input }) => {
    const { id, expectedUpdatedAt, ...patch } = input;
    const precondition = preconditionOf(ctx, id, expectedUpdatedAt);
    return toContactDto(await update(ctx.container.contacts, ctx.actor, id, { ...patch, ...precondition }));
  });
