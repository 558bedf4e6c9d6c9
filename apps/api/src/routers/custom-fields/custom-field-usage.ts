import { contactUsage, idInput } from "@crm/contracts";
import { countCustomFieldContacts } from "@crm/domain";
import { permission } from "../../trpc/init";

export const customFieldUsage = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/custom-fields/{id}/usage",
      tags: ["custom-fields"],
      summary: "How many contacts have a value for the field (deleting it removes those values)",
    },
  })
  .input(idInput)
  .output(contactUsage)
  .query(async ({ ctx, input }) => ({
    contacts: await countCustomFieldContacts(ctx.container.contacts, ctx.actor, input.id),
  }));
