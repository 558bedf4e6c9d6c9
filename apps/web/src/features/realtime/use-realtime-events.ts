import { useQueryClient } from "@tanstack/react-query";
import { useRouteContext } from "@tanstack/react-router";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useMemo } from "react";
import { isUnauthenticated, sessionEndedOf } from "../../lib/errors";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { membershipEnd, sessionEndReason } from "../auth/session-end";
import { useSession } from "../auth/use-session";
import { createUnreadRefresher } from "../shell/unread-conversations";
import { createRealtimeProcessor } from "./event-processor";
import type { RealtimeDeps } from "./handle-event";

/** The signed-in user's own unread count of one conversation. */
export const ownUnreadFetcher =
  (client: ReturnType<typeof useTRPCClient>) =>
  async (id: string): Promise<number> => {
    const [count] = await client.realtime.unreadCounts.query({ conversationIds: [id] });
    return count?.unread ?? 0;
  };

/**
 * The app's one subscription to `realtime.events`, mounted by the shell. Each conversation's events are applied
 * in order (a status never overtakes its message), different conversations side by side; what could not be
 * applied, and whatever is on screen after the socket was lost, is read again once the server answers.
 */
export function useRealtimeEvents(): void {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const sessionEnded = useRouteContext({ from: "/_app", select: (context) => context.sessionEnded });
  const realtime = useRouteContext({ from: "/_app", select: (context) => context.realtime });
  const deps = useMemo<RealtimeDeps>(
    () => ({
      queryClient,
      trpc,
      userId: user.id,
      fetchConversation: (id) => client.conversations.get.query({ id }),
      fetchMessage: (id) => client.messages.get.query({ id }),
      fetchUnread: ownUnreadFetcher(client),
    }),
    [queryClient, trpc, client, user.id],
  );
  const processor = useMemo(() => createRealtimeProcessor(deps), [deps]);
  useEffect(() => () => processor.dispose(), [processor]);
  // the unread conversations of the nav's badge and the tab's title: read again after a burst, not per event
  const unread = useMemo(
    () =>
      createUnreadRefresher(
        () => void queryClient.invalidateQueries({ queryKey: trpc.conversations.counts.pathKey() }),
      ),
    [queryClient, trpc],
  );
  useEffect(() => () => unread.dispose(), [unread]);
  useEffect(() => {
    let lost = realtime.reconnecting();
    return realtime.subscribe(() => {
      const reconnecting = realtime.reconnecting();
      if (lost && !reconnecting) {
        processor.reconnected();
        unread.stale();
      }
      lost = reconnecting;
    });
  }, [realtime, processor, unread]);
  useSubscription(
    trpc.realtime.events.subscriptionOptions(undefined, {
      onData: (tracked) => {
        // the server ends the subscription after saying why (a logout in another tab, a role change, a removal):
        // the login page says so
        if (tracked.data.type === "session_ended") return sessionEnded(tracked.data.payload.reason);
        if (tracked.data.type === "membership_changed" && tracked.data.payload.userId === user.id) {
          const ended = membershipEnd(user.role, tracked.data.payload.role);
          if (ended) return sessionEnded(ended);
        }
        processor.push(tracked.data);
        unread.push(tracked.data);
      },
      // Refused for want of a session (a tab waking after a logout): to login, saying why when the server told.
      // Asked over HTTP first: a socket refused while the session still works must not send the user to login
      // and straight back, again and again.
      onError: (error) => {
        if (!isUnauthenticated(error)) return;
        const reason = sessionEndReason(sessionEndedOf(error));
        void client.auth.session.query().then(
          (session) => {
            if (!session) sessionEnded(reason);
          },
          () => undefined,
        );
      },
    }),
  );
}
