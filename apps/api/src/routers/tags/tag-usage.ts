import { contactUsage, idInput } from "@crm/contracts";
import { countTagContacts } from "@crm/domain";
import { permission } from "../../trpc/init";

export const tagUsage = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/tags/{id}/usage",
      tags: ["tags"],
      summary: "How many contacts carry the tag (deleting it detaches it from them)",
    },
  })
  .input(idInput)
  .output(contactUsage)
  .query(async ({ ctx, input }) => ({
    contacts: await countTagContacts(ctx.container.contacts, ctx.actor, input.id),
  }));
