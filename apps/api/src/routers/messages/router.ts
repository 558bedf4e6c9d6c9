import type { TRPCRouterRecord } from "@trpc/server";
import { deleteMessage } from "./delete-message";
import { getMessage } from "./get-message";
import { retryMessage } from "./retry-message";
import { searchMessages } from "./search-messages";

export const messagesRouter = {
  search: searchMessages,
  get: getMessage,
  remove: deleteMessage,
  retry: retryMessage,
} satisfies TRPCRouterRecord;
