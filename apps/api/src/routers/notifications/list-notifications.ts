import { listNotificationsInput, notificationPage } from "@crm/contracts/realtime/notification";
import { listNotifications as listUserNotifications } from "@crm/domain/notifications/user-notifications";
import { authenticatedProcedure } from "../../trpc/init";
import { toNotificationDto } from "./dto";

export const listNotifications = authenticatedProcedure
  .meta({
    userOnly: true,
    openapi: {
      method: "GET",
      path: "/notifications",
      tags: ["notifications"],
      summary: "Your notifications",
    },
  })
  .input(listNotificationsInput)
  .output(notificationPage)
  .query(async ({ ctx, input }) => {
    const { cursor, limit, unreadOnly } = input;
    const page = await listUserNotifications(
      ctx.container.realtime.notifications,
      ctx.actor,
      { unreadOnly: unreadOnly ?? false },
      { cursor, limit },
    );
    return {
      items: page.items.map(toNotificationDto),
      nextCursor: page.nextCursor,
      unreadCount: page.unreadCount,
    };
  });
