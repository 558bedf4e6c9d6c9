import {
  markNotificationsReadInput,
  markNotificationsReadOutput,
} from "@crm/contracts/realtime/notification";
import { markNotificationsRead as markRead } from "@crm/domain/notifications/user-notifications";
import { validationFailed } from "@crm/domain/shared/errors";
import { authenticatedProcedure } from "../../trpc/init";

export const markNotificationsRead = authenticatedProcedure
  .meta({
    userOnly: true,
    openapi: {
      method: "POST",
      path: "/notifications/read",
      tags: ["notifications"],
      summary: "Mark some (ids) or all (all: true) of your notifications read",
      description:
        "Answers how many changed and how many stay unread. When any changed, your other tabs and devices " +
        "receive a `notifications_read` realtime event with the same count.",
    },
  })
  .input(markNotificationsReadInput)
  .output(markNotificationsReadOutput)
  .mutation(({ ctx, input }) => {
    if (input.all === true && input.ids !== undefined)
      throw validationFailed("ids", "Give ids or all, not both");
    if (input.all !== true && input.ids === undefined) throw validationFailed("ids", "Give ids or all: true");
    return markRead(
      ctx.container.realtime.notifications,
      ctx.actor,
      input.all === true ? "all" : (input.ids ?? []),
    );
  });
