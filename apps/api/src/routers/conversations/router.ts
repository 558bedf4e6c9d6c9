import type { TRPCRouterRecord } from "@trpc/server";
import { claimConversation } from "./claim-conversation";
import { countConversations } from "./count-conversations";
import { createConversation } from "./create-conversation";
import { deleteConversation } from "./delete-conversation";
import { getConversation } from "./get-conversation";
import { listConversations } from "./list-conversations";
import { listMessages } from "./list-messages";
import { markConversationRead } from "./mark-conversation-read";
import { releaseConversation } from "./release-conversation";
import { sendMessage } from "./send-message";
import { updateConversation } from "./update-conversation";

export const conversationsRouter = {
  list: listConversations,
  counts: countConversations,
  get: getConversation,
  create: createConversation,
  update: updateConversation,
  claim: claimConversation,
  release: releaseConversation,
  remove: deleteConversation,
  markRead: markConversationRead,
  messages: listMessages,
  sendMessage,
} satisfies TRPCRouterRecord;
