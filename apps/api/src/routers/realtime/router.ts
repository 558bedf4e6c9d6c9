import type { TRPCRouterRecord } from "@trpc/server";
import { realtimeEvents } from "./events";
import { markAsRead } from "./mark-as-read";
import { unreadCounts } from "./unread-counts";

export const realtimeRouter = {
  events: realtimeEvents,
  markAsRead,
  unreadCounts,
} satisfies TRPCRouterRecord;
