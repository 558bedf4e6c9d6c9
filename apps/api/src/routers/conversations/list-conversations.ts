import { conversationPage, listConversationsInput } from "@crm/contracts";
import { listConversations as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toUpdatedRange } from "../shared/updated-range";
import { toConversationDto } from "./dto";

export const listConversations = permission("conversations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/conversations",
      tags: ["conversations"],
      summary: "The inbox: conversations, newest activity first",
      description:
        "Filters: status, assignee (`me`, `unassigned` or a user id), channel, contactId, unread. " +
        "`unreadCount` is the team's; `unread` is the signed-in user's own (see mark-as-read), and the " +
        "`unread` filter goes by it (by `unreadCount` for an API key). " +
        "Agents only get the conversations assigned to them and the unassigned ones. " +
        "To sync changes: sort=updatedAt with updatedFrom (see the README's Syncing changes); a " +
        "conversation changed while you page (a new message, a status) comes again at the end.",
    },
  })
  .input(listConversationsInput)
  .output(conversationPage)
  .query(async ({ ctx, input }) => {
    const page = await list(ctx.container.conversations, ctx.actor, { ...input, ...toUpdatedRange(input) });
    const items = page.items.map((item) => {
      const dto = { ...toConversationDto(item), lastMessageFailed: item.lastMessageFailed ?? false };
      return item.unread === undefined ? dto : { ...dto, unread: item.unread };
    });
    return { items, nextCursor: page.nextCursor };
  });
