import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import { addNotification, markRead as markNotificationsRead } from "../notifications/notification-cache";
import { applyConversationEvents, type ConversationEvent, conversationOf } from "./conversation-events";
import { invalidate, type Outcome, type RealtimeDeps } from "./realtime-deps";

export { applyConversationEvents, conversationOf } from "./conversation-events";
export {
  type AccessLost,
  accessLostKey,
  refreshConversation,
  rereadConversations,
  typingKey,
} from "./conversation-queries";
export type { Outcome, RealtimeDeps } from "./realtime-deps";

/** Applies one server event to the query caches: what the screens show follows without a refetch of lists. */
export async function handleRealtimeEvent(deps: RealtimeDeps, event: RealtimeEvent): Promise<Outcome> {
  const { queryClient, trpc } = deps;
  const conversationId = conversationOf(event);
  if (conversationId) return applyConversationEvents(deps, conversationId, [event as ConversationEvent]);
  switch (event.type) {
    case "deal_updated":
      await invalidate(
        deps,
        trpc.deals.pathKey(),
        trpc.pipelines.board.pathKey(),
        trpc.contacts.deals.pathKey(),
      );
      return "applied";
    case "contact_updated":
      await invalidate(deps, trpc.contacts.pathKey(), trpc.conversations.pathKey());
      return "applied";
    case "payment_status":
      await invalidate(deps, trpc.payments.pathKey(), trpc.deals.pathKey(), trpc.pipelines.board.pathKey());
      return "applied";
    case "organization_updated":
      // a new default currency, time zone or language applies without a reload
      await invalidate(deps, trpc.auth.me.queryKey(), trpc.organizations.pathKey());
      return "applied";
    case "team_updated":
      // a teammate joined, left, or has a new name or role: assignee lists, owners and mentions re-read it
      await invalidate(
        deps,
        trpc.users.pathKey(),
        ...(event.payload.userId === deps.userId ? [trpc.auth.me.queryKey()] : []),
      );
      return "applied";
    case "membership_changed":
      // promoted (a demotion or removal ends the subscription instead): the new role may see more
      await queryClient.invalidateQueries();
      return "applied";
    case "notification": {
      const { userId: _recipient, ...notification } = event.payload;
      queryClient.setQueriesData({ queryKey: trpc.notifications.list.infiniteQueryKey() }, (data) =>
        addNotification(data, notification),
      );
      return "applied";
    }
    case "notifications_read": {
      // marked read in another tab or device (or this one: marking again changes nothing)
      const { ids, unreadCount } = event.payload;
      queryClient.setQueriesData({ queryKey: trpc.notifications.list.infiniteQueryKey() }, (data) =>
        markNotificationsRead(data, ids, event.occurredAt, unreadCount),
      );
      return "applied";
    }
    case "resync_required":
      // Events were missed: everything shown may be stale.
      await queryClient.invalidateQueries();
      return "applied";
  }
  return "applied";
}
