import { contactPage, listContactsInput } from "@crm/contracts";
import { listContacts as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactDto, toContactListQuery } from "./dto";

export const listContacts = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/contacts",
      tags: ["contacts"],
      summary:
        "List contacts: filter by tag, company, phone/email presence, creation date or custom field; search",
      description:
        "To sync changes: sort=updatedAt with updatedFrom (see the README's Syncing changes); a contact " +
        "changed while you page (its fields, tags or custom fields, a merge into it) comes again at the end.",
    },
  })
  .input(listContactsInput)
  .output(contactPage)
  .query(async ({ ctx, input }) => {
    const { cursor, limit, ...query } = input;
    const page = await list(ctx.container.contacts, ctx.actor, toContactListQuery(query), { cursor, limit });
    return { items: page.items.map(toContactDto), nextCursor: page.nextCursor };
  });
