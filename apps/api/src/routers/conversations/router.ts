import type { TRPCRouterRecord } from "@trpc/server";
import { createConversation } from "./create-conversation";
import { deleteConversation } from "./delete-conversation";
import { getConversation } from "./get-conversation";
import { listConversations } from "./list-conversations";
import { listMessages } from "./list-messages";
import { markConversationRead } from "./mark-conversation-read";
import { sendMessage } from "./send-message";
import { updateConversation } from "./update-conversation";

export const conversationsRouter = {
  list: listConversations,
  get: getConversation,
  create: createConversation,
  update: updateConversation,
  remove: deleteConversation,
  markRead: markConversationRead,
  messages: listMessages,
  sendMessage,
} satisfies TRPCRouterRecord;
