import type { TRPCRouterRecord } from "@trpc/server";
import { startTyping } from "./start-typing";
import { stopTyping } from "./stop-typing";

export const typingRouter = {
  start: startTyping,
  stop: stopTyping,
} satisfies TRPCRouterRecord;
