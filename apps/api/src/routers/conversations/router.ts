import type { TRPCRouterRecord } from "@trpc/server";
import { claimConversation } from "./claim-conversation";
import { countConversations } from "./count-conversations";
import { createConversation } from "./create-conversation";
import { deleteConversation } from "./delete-conversation";
import { getConversation } from "./get-conversation";
import { listConversations } from "./list-conversations";
import { listMessages } from "./list-messages";
import { listStartChannels } from "./list-start-channels";
import { markConversationRead } from "./mark-conversation-read";
import { releaseConversation } from "./release-conversation";
import { sendMessage } from "./send-message";
import { updateConversation } from "./update-conversation";

export const conversationsRouter = {
  list: listConversations,
  counts: countConversations,
  // before `get`: REST matches paths in this order, and /conversations/{id} would take "channels" as an id
  channels: listStartChannels,
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
