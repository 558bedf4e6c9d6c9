import { contact, mergeContactsInput } from "@crm/contracts";
import { mergeContacts as merge } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactDto } from "./dto";

// merging deletes the source, so it needs what deleting a contact needs
export const mergeContacts = permission("contacts:delete")
  .meta({
    openapi: {
      method: "POST",
      path: "/contacts/{id}/merge",
      tags: ["contacts"],
      summary:
        "Merge sourceId into this contact: conversations, deals, tags, channel identities and custom field " +
        "values move here, empty email/phone are filled from the source, the source is deleted, an audit " +
        "row is written. Owners and admins only, as deleting a contact",
    },
  })
  .input(mergeContactsInput)
  .output(contact)
  .mutation(async ({ ctx, input }) =>
    toContactDto(await merge(ctx.container.contacts, ctx.actor, input.id, input.sourceId)),
  );
