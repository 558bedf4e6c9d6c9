import { contactConversationPage, contactPageInput } from "@crm/contracts";
import { listContactConversations as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toContactConversationDto } from "./dto";

export const listContactConversations = permission("contacts:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/contacts/{id}/conversations",
      tags: ["contacts"],
      summary: "The contact's conversations, newest first",
    },
  })
  .input(contactPageInput)
  .output(contactConversationPage)
  .query(async ({ ctx, input }) => {
    const { id, ...page } = input;
    const result = await list(ctx.container.contacts, ctx.actor, id, page);
    return { items: result.items.map(toContactConversationDto), nextCursor: result.nextCursor };
  });
