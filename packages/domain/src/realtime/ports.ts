import type { Clock } from "../auth/ports";
import type { DomainEvent, EventBus } from "../shared/events";

/** How long a client may be away and still be replayed what it missed. */
export const replayWindowMs = 5 * 60_000;
/** A client that missed more than this is told to resync rather than flooded. */
export const maxReplayEntries = 5_000;

/**
 * One event as the realtime layer carries it. `id` orders it within its organization and lets a client resume
 * after it. Every event delivered to clients has one, typing included: tRPC's wsLink forgets the client's last
 * id on any event without one.
 */
export interface RealtimeEntry {
  id: string;
  event: DomainEvent;
}

export type Replay =
  /** What came after the client's last id, oldest first (possibly nothing). */
  | { kind: "replay"; entries: RealtimeEntry[] }
  /** The id is older than the window, unknown, or too far behind: the client must refetch. */
  | { kind: "expired"; latestId: string | null };

/**
 * When a feed stops hearing live entries (its connection to the log dropped) and hears them again. Entries
 * appended in between are never delivered live: a subscriber that must not miss any reads them from the log.
 */
export interface FeedInterruptions {
  /** Entries appended from now on may not be heard, until `resumed`. */
  interrupted(): void;
  /** Live entries are heard again; called before any entry heard since, so the log can be read from here. */
  resumed(): void;
}

/** The read side of the realtime log: live entries of every organization, and replay. */
export interface RealtimeFeed {
  /**
   * Every entry, live, in append order within each organization, but for those appended while the feed was
   * interrupted (told to `interruptions`). Returns the unsubscribe function.
   */
  subscribe(handler: (entry: RealtimeEntry) => void, interruptions?: FeedInterruptions): () => void;
  since(organizationId: string, afterId: string): Promise<Replay>;
}

/** What the log still keeps of an organization after an id, however old that id is. */
export interface KeptEntries {
  /** Oldest first. */
  entries: RealtimeEntry[];
  /** Epoch ms from which the log certainly still holds every entry; older ones may have been dropped. */
  keptSince: number;
}

/**
 * For a reader that must not miss entries (the outgoing webhooks recorder), unlike clients, which are told to
 * refetch: everything still kept after its position, and from when the log is known to be complete.
 */
export interface RealtimeLogReader {
  keptAfter(organizationId: string, afterId: string): Promise<KeptEntries>;
}

/**
 * What a realtime adapter provides: the `EventBus` every context publishes on (each publish appends the event
 * to the log exactly once) and the feed the WebSocket layer reads.
 */
export interface RealtimeBus {
  events: EventBus;
  feed: RealtimeFeed & RealtimeLogReader;
  close(): Promise<void>;
}

/** Only what delivery needs to know of a conversation: who may see it. */
export interface ConversationAccess {
  assignedTo: string | null;
}

export interface UnreadCount {
  conversationId: string;
  unread: number;
}

export interface ConversationReadRepository {
  /** The conversations among `conversationIds` that exist in the organization. */
  findAccess(organizationId: string, conversationIds: string[]): Promise<Map<string, ConversationAccess>>;
  /** Moves the user's read position forward (never back). */
  markRead(organizationId: string, conversationId: string, userId: string, at: Date): Promise<void>;
  /** Inbound messages after the user's read position, per conversation (all of them when never read). */
  unreadCounts(organizationId: string, userId: string, conversationIds: string[]): Promise<UnreadCount[]>;
  /** The same for one conversation and several users at once (one query per delivered event). */
  unreadByUser(
    organizationId: string,
    conversationId: string,
    userIds: string[],
  ): Promise<Map<string, number>>;
}

export interface RealtimeDeps {
  reads: ConversationReadRepository;
  clock: Clock;
  events: EventBus;
}
