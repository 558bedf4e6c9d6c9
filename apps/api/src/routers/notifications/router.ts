import type { TRPCRouterRecord } from "@trpc/server";
import { listNotifications } from "./list-notifications";
import { markNotificationsRead } from "./mark-notifications-read";

export const notificationsRouter = {
  list: listNotifications,
  markRead: markNotificationsRead,
} satisfies TRPCRouterRecord;
