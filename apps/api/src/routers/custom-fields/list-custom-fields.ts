import { customFieldPage, listCustomFieldsInput } from "@crm/contracts";
import { permission } from "../../trpc/init";
import { toCustomFieldDto } from "../contacts/dto";

export const listCustomFields = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/custom-fields",
      tags: ["custom-fields"],
      summary: "List the organization's custom contact fields, oldest first",
    },
  })
  .input(listCustomFieldsInput)
  .output(customFieldPage)
  .query(async ({ ctx, input }) => {
    const page = await ctx.container.contacts.store.customFields.list(ctx.actor.organizationId, input);
    return { items: page.items.map(toCustomFieldDto), nextCursor: page.nextCursor };
  });
