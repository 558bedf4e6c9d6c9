import type { RealtimeEvent, SessionEndReason } from "@crm/contracts/realtime/events";
import type { Actor } from "@crm/domain/auth/model";
import { mayReceive } from "@crm/domain/realtime/audience";
import { compareEntryIds } from "@crm/domain/realtime/entry-id";
import { type TrackedEnvelope, tracked } from "@trpc/server";
import type { EventStreamOptions } from "./event-stream-options";
import type { Deliverable, ServerEvent } from "./hub";
import { PendingQueue } from "./pending-queue";
import { type ReadyResults, readyResults } from "./ready-results";
import type { UnreadAsked } from "./unread-per-entry";
import { askUnread, type Visible, visibleEvent } from "./visible-event";

export type { EventStreamOptions } from "./event-stream-options";

type Output = TrackedEnvelope<RealtimeEvent>;

/** A live entry waiting to be sent, with its unread count already asked for when it has one. */
interface Live {
  entry: Deliverable;
  unread: UnreadAsked | undefined;
}

/** In the queue where live entries went unheard (the replica's feed was interrupted). */
const missedEntries = Symbol("missed entries");

const resync = (reason: "expired" | "overflow" | "interrupted"): RealtimeEvent => ({
  type: "resync_required",
  occurredAt: new Date().toISOString(),
  payload: { reason },
});

const sessionEnded = (reason: SessionEndReason): RealtimeEvent => ({
  type: "session_ended",
  occurredAt: new Date().toISOString(),
  payload: { reason },
});

/** What a step waits for: the event as the user may see it, or `stop` when the actor may no longer listen. */
const stop = Symbol("stop");

/**
 * One connection's events: what it missed since `lastEventId` (or `resync_required`), then live events, each
 * checked against what the user may see at the moment it is delivered. Listening starts before the replay is
 * read, and anything at or before the last id sent is dropped, so nothing is missed and nothing is doubled.
 *
 * Entries are decided one at a time, when the consumer asks for the next result (a slow consumer's entries wait
 * in a bounded queue, then `resync_required`), synchronously unless a lookup, a count or a re-read of the actor
 * is needed: the consumer may pull results through `readyResults` without a promise per result, or iterate.
 */
class RealtimeEventStream implements AsyncIterableIterator<Output>, ReadyResults<Output> {
  private actor: Actor;
  private readonly organizationId: string;
  private readonly pending: PendingQueue<Live | typeof missedEntries>;
  private readonly stopListening: () => void;
  private revalidatedAt = Date.now();
  private revalidatedAfter: number;
  /** Entries before this id were sent, or are older than the replay; null once a live entry is past it. */
  private lastId: string | null = null;
  /** The last entry taken from the replay or the queue: where a client told to resync resumes from. */
  private lastTakenId: string | null = null;
  /** The replay's entries not decided yet. */
  private replay: Deliverable[] = [];
  private replayIndex = 0;
  /** A result decided and not taken yet (at most one: entries are decided when asked for). */
  private ready: Output | undefined;
  /** The `session_ended` sent last, once the actor may no longer listen. */
  private farewell: Output | undefined;
  /** Waiting for the replay, a lookup or a count: nothing is decided meanwhile. */
  private busy = true;
  private finished = false;
  private failure: { error: unknown } | undefined;
  private listener: (() => void) | undefined;
  private waiter: (() => void) | undefined;

  readonly [readyResults]: ReadyResults<Output> = this;

  constructor(private readonly options: EventStreamOptions) {
    this.actor = options.actor;
    this.revalidatedAfter = options.revalidatedAfter ?? options.revocations?.() ?? 0;
    this.organizationId = options.actor.organizationId;
    this.pending = new PendingQueue<Live | typeof missedEntries>(options.pendingLimit ?? 10_000);
    this.stopListening = options.hub.listen(
      this.organizationId,
      (entry) => {
        this.pending.push({ entry, unread: askUnread(options.hub, this.organizationId, this.actor, entry) });
        if (!this.busy) this.notify();
      },
      () => {
        this.pending.push(missedEntries);
        if (!this.busy) this.notify();
      },
    );
    options.signal?.addEventListener("abort", () => this.finish(), { once: true });
    if (options.signal?.aborted) this.finish();
    void this.start();
  }

  private async start(): Promise<void> {
    const { hub, lastEventId } = this.options;
    try {
      if (lastEventId) {
        const replay = await hub.since(this.organizationId, lastEventId);
        if (replay.kind === "expired") {
          // an empty log has no id to resume from: "0-0" is never in a log, so resuming from it resyncs again
          this.lastId = replay.latestId ?? "0-0";
          this.ready = tracked(this.lastId, resync("expired"));
        } else {
          this.lastId = lastEventId;
          this.replay = replay.entries;
        }
      }
      this.busy = false;
    } catch (error) {
      this.fail(error);
    }
    this.notify();
  }

  poll(): Output | undefined {
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      throw error;
    }
    if (this.ready === undefined && !this.busy && !this.finished) this.decideNext();
    const ready = this.ready;
    this.ready = undefined;
    return ready;
  }

  ended(): boolean {
    return this.finished && this.ready === undefined && this.failure === undefined;
  }

  onReady(listener: () => void): void {
    this.listener = listener;
  }

  async next(): Promise<IteratorResult<Output, void>> {
    for (;;) {
      const value = this.poll();
      if (value !== undefined) return { value, done: false };
      if (this.ended()) return { value: undefined, done: true };
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  async return(): Promise<IteratorResult<Output, void>> {
    this.finish();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<Output, void>> {
    this.finish();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Decides entries until one gives a result, one needs to wait, or none is left. */
  private decideNext(): void {
    while (this.ready === undefined && !this.busy && !this.finished) {
      if (this.replayIndex < this.replay.length) {
        const entry = this.replay[this.replayIndex] as Deliverable;
        this.replayIndex += 1;
        if (this.replayIndex === this.replay.length) this.replay = [];
        this.lastId = entry.id;
        this.lastTakenId = entry.id;
        this.settleAllowed(entry, undefined, true);
        continue;
      }
      const live = this.pending.shift();
      if (!live) return;
      if (live === missedEntries) {
        // nothing replays what the replica did not hear: the client refetches what it shows
        this.ready = tracked(this.lastTakenId ?? this.lastId ?? "0-0", resync("interrupted"));
        return;
      }
      const { entry } = live;
      this.lastTakenId = entry.id;
      if (this.pending.takeOverflow()) {
        this.lastId = entry.id;
        this.ready = tracked(entry.id, resync("overflow"));
        return;
      }
      if (this.lastId !== null) {
        if (compareEntryIds(entry.id, this.lastId) <= 0) continue;
        // the feed delivers in order: after one live entry past the last one sent, none can repeat it
        this.lastId = null;
      }
      this.settleAllowed(entry, live.unread);
    }
  }

  /** Replayed or live, an entry goes out only while the actor may still listen, as it may see it now. */
  private settleAllowed(entry: Deliverable, unread: UnreadAsked | undefined, replayed = false): void {
    const { event } = entry;
    if (event.type === "session_ended") {
      this.settleSessionEnded(entry, event.payload.reason);
      return;
    }
    const allowed = this.stillAllowed(this.isOwnMembershipChange(entry));
    if (allowed === true)
      this.settle(
        entry,
        visibleEvent(this.options, this.organizationId, this.actor, entry, unread, replayed),
      );
    else
      this.settle(
        entry,
        allowed.then<Visible | typeof stop>((ok) =>
          ok
            ? visibleEvent(this.options, this.organizationId, this.actor, entry, unread, replayed)
            : this.endSession(entry),
        ),
      );
  }

  /** A change of the user's own role or membership: whether they may still listen is read again at once. */
  private isOwnMembershipChange({ event }: Deliverable): boolean {
    return (
      event.type === "membership_changed" &&
      this.actor.kind === "user" &&
      event.payload.userId === this.actor.userId
    );
  }

  /**
   * A logout or a password reset, published once the sessions are gone: a stream of a session it names re-reads
   * its own at once and ends with the reason published, whatever else happens in the organization. It is never
   * sent as it is: it names sessions of the user that are not this one's.
   */
  private settleSessionEnded(entry: Deliverable, reason: SessionEndReason): void {
    if (!mayReceive(this.actor, entry.audience)) return;
    const allowed = this.stillAllowed(true);
    if (allowed === true) return;
    this.settle(
      entry,
      allowed.then((ok) => (ok ? undefined : this.endSession(entry, reason))),
    );
  }

  /** The client is told why before the stream ends, so it can say so instead of going quiet. */
  private async endSession(entry: Deliverable, known?: SessionEndReason): Promise<typeof stop> {
    const reason =
      known ??
      (await (this.options.whyEnded?.(this.actor) ?? Promise.resolve("signed_out" as const)).catch(
        (err: unknown): SessionEndReason => {
          this.options.logger.warn({ err }, "could not tell why a realtime session ended");
          return "signed_out";
        },
      ));
    this.farewell = tracked(entry.id, sessionEnded(reason));
    return stop;
  }

  /** Takes the entry's outcome now, or once it is known (nothing else is decided meanwhile). */
  private settle(entry: Deliverable, outcome: Visible | Promise<Visible | typeof stop>): void {
    if (!(outcome instanceof Promise)) {
      if (outcome) this.ready = tracked(entry.id, outcome);
      return;
    }
    this.busy = true;
    outcome.then(
      (settled) => {
        // what a promise resolves to is never itself a promise
        const event = settled as ServerEvent | undefined | typeof stop;
        this.busy = false;
        if (event === stop) {
          this.ready = this.farewell;
          this.finish();
        } else if (event) this.ready = tracked(entry.id, event);
        this.notify();
      },
      (error: unknown) => this.fail(error),
    );
  }

  private fail(error: unknown): void {
    this.failure = { error };
    this.finish();
  }

  private finish(): void {
    if (!this.finished) {
      this.finished = true;
      this.stopListening();
    }
    this.notify();
  }

  private notify(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
    this.listener?.();
  }

  /** Synchronous unless the actor is due to be re-read (or `force`d): most events need no await for it. */
  private stillAllowed(force = false): true | Promise<boolean> {
    const { revalidate } = this.options;
    const revalidateMs = this.options.revalidateMs ?? 60_000;
    if (!revalidate) return true;
    const revocations = this.options.revocations?.() ?? 0;
    const due = revocations !== this.revalidatedAfter || Date.now() - this.revalidatedAt >= revalidateMs;
    if (!force && !due) return true;
    this.revalidatedAt = Date.now();
    this.revalidatedAfter = revocations;
    return revalidate(this.actor).then((current) => {
      if (!current) return false;
      this.actor = current;
      return true;
    });
  }
}

export function realtimeEventStream(options: EventStreamOptions): AsyncIterableIterator<Output> {
  return new RealtimeEventStream(options);
}
