import type { QueryClient } from "@tanstack/react-query";
import type { Trpc } from "../../lib/trpc";
import type { Conversation, Message } from "../inbox/types";

export interface RealtimeDeps {
  queryClient: QueryClient;
  trpc: Trpc;
  userId: string;
  fetchConversation: (id: string) => Promise<Conversation>;
  fetchMessage: (id: string) => Promise<Message>;
  /** The signed-in user's own unread count of a conversation (`realtime.unreadCounts`). */
  fetchUnread: (id: string) => Promise<number>;
  now?: () => Date;
}

/**
 * What applying events came to: `unreachable` when the server could not be read (down, restarting, blocked);
 * what they would have updated was marked stale instead, to be read again once the server answers.
 */
export type Outcome = "applied" | "unreachable";

export const invalidate = (deps: RealtimeDeps, ...keys: readonly (readonly unknown[])[]) =>
  Promise.all(keys.map((queryKey) => deps.queryClient.invalidateQueries({ queryKey })));
