import type { SessionEndReason } from "@crm/contracts/realtime/events";
import type { Actor } from "@crm/domain/auth/model";
import type { Logger } from "@crm/domain/shared/logger";
import type { RealtimeHub } from "./hub";

export interface EventStreamOptions {
  hub: RealtimeHub;
  actor: Actor;
  lastEventId: string | null | undefined;
  signal: AbortSignal | undefined;
  logger: Logger;
  /**
   * Re-reads who the actor is now (role changed, session revoked: null); called at most every `revalidateMs`,
   * and at once for a `membership_changed` about the actor's own user.
   */
  revalidate?: (actor: Actor) => Promise<Actor | null>;
  /** Why the actor may no longer listen, told in the `session_ended` the stream ends with (default signed_out). */
  whyEnded?: (actor: Actor) => Promise<SessionEndReason>;
  revalidateMs?: number;
  /**
   * How many credential revocations this process has heard (the credential cache's generation): after a new
   * one the actor is re-read at the next event, not `revalidateMs` later, so a signed-out session stops at once.
   */
  revocations?: () => number;
  /** The generation `actor` was read at (default: the current one): a revocation since then re-reads it at once. */
  revalidatedAfter?: number;
  /** Entries a slow connection may have pending before it is told to resync instead. */
  pendingLimit?: number;
}
