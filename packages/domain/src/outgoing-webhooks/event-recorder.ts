import { compareEntryIds, entryIdTime } from "../realtime/entry-id";
import type { RealtimeEntry, RealtimeFeed, RealtimeLogReader } from "../realtime/ports";
import type { Logger } from "../shared/logger";
import { reportMissedEvents } from "./missed-events";
import { isOutgoingWebhookEvent } from "./model";
import type { OutgoingWebhooksDeps } from "./ports";
import { recordEvent } from "./record-events";

/** Entries an organization whose recording failed may hold back before the oldest are given up. */
export const maxHeldBackEntries = 10_000;

/** How stale an organization's "recorded until" mark may get while a recorder listens. */
const recordedThroughSlackMs = 30_000;

export interface EventRecorder {
  /**
   * Records again what failed (held back), then marks every other organization as recorded until now. The
   * composition root calls it every few seconds: without it, held-back events wait for their organization's
   * next event, and a restart could not tell a quiet organization from one whose events were missed.
   */
  tick(): Promise<void>;
  stop(): void;
}

type Deps = OutgoingWebhooksDeps & { logger: Logger };

/** Oldest first, each entry once. */
function inOrder(entries: RealtimeEntry[]): RealtimeEntry[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return [...byId.values()].sort((a, b) => compareEntryIds(a.id, b.id));
}

/**
 * An organization that had never recorded an event when the feed was interrupted is caught up from a little
 * before: the interruption is timed by this process's clock, the entry ids by the log's.
 */
const clockSkewMs = 30_000;

/**
 * Listens to the realtime log and records deliveries, then replays, for each organization with subscriptions,
 * every entry the log still keeps after its stored cursor. Live entries and replayed ones may overlap: the
 * unique constraint absorbs that. When the organization was last marked recorded before the point from which
 * the log keeps everything, the events in between may be lost: that is reported (`reportMissedEvents`).
 *
 * An entry whose recording fails (the database away) is not skipped: its organization's entries are held back,
 * in order, and recorded again, that one first, on the next tick or before any later entry is handled, so its
 * cursor never moves past an event not recorded. A restart replays them from the cursor as well.
 *
 * When the feed is interrupted (its Redis connection dropped), what is appended meanwhile is never heard live:
 * ticks stop marking organizations recorded, and once live entries resume the same catch-up runs again, before
 * any entry heard since is recorded, so no cursor moves past what was missed. Until it succeeds, later entries
 * are held back.
 */
export async function startRecordingEvents(
  deps: Deps,
  feed: RealtimeFeed & RealtimeLogReader,
): Promise<EventRecorder> {
  /** Per organization whose recording failed, its entries not recorded yet, oldest first. */
  const heldBack = new Map<string, RealtimeEntry[]>();
  /** Since when live entries went unheard: set when the feed is interrupted, cleared once caught up. */
  let missedSince: Date | undefined;
  let listening = true;
  let interruptions = 0;

  async function recordHeldBack(): Promise<void> {
    for (const [organizationId, entries] of heldBack) {
      try {
        while (entries.length > 0) {
          await recordEvent(deps, entries[0] as RealtimeEntry);
          entries.shift();
        }
      } catch (err) {
        deps.logger.error({ err, organizationId }, "outgoing webhooks: held-back events still not recorded");
        continue;
      }
      heldBack.delete(organizationId);
      deps.logger.info({ organizationId }, "outgoing webhooks: held-back events recorded");
    }
  }

  function holdBack(entry: RealtimeEntry): void {
    const { organizationId } = entry.event;
    const entries = heldBack.get(organizationId) ?? [];
    entries.push(entry);
    heldBack.set(organizationId, entries);
    if (entries.length > maxHeldBackEntries) {
      const dropped = entries.shift();
      deps.logger.error(
        { organizationId, eventType: dropped?.event.type },
        "outgoing webhooks: too many events held back, the oldest given up",
      );
    }
  }

  // one task at a time, in order, so the cursor only moves over what was recorded
  let chain = Promise.resolve();
  const serially = (task: () => Promise<void>): Promise<void> => {
    const run = chain.then(task);
    chain = run.catch((err: unknown) => deps.logger.error({ err }, "outgoing webhooks: recording failed"));
    return chain;
  };

  async function recordNow(entry: RealtimeEntry): Promise<void> {
    await recordHeldBack();
    if (heldBack.has(entry.event.organizationId)) return holdBack(entry);
    try {
      await recordEvent(deps, entry);
    } catch (err) {
      deps.logger.error(
        { err, eventType: entry.event.type },
        "outgoing webhooks: event not recorded; held back until it can be",
      );
      holdBack(entry);
    }
  }

  /**
   * Records, for each organization with subscriptions, what the log keeps after its cursor, and reports what it
   * no longer keeps. After an interruption (`since`), an organization without a cursor is read from then.
   */
  async function catchUp(since?: Date): Promise<void> {
    for (const organizationId of await deps.store.subscriptions.organizationsWithActive()) {
      const cursor = await deps.store.cursors.position(organizationId);
      if (cursor === undefined && since === undefined) continue;
      const fromMs = (since?.getTime() ?? 0) - clockSkewMs;
      const afterId = cursor?.entryId ?? `${fromMs}-0`;
      const kept = await feed.keptAfter(organizationId, afterId);
      const recordedThrough = cursor
        ? Math.max(cursor.recordedThrough.getTime(), entryIdTime(cursor.entryId))
        : fromMs;
      if (recordedThrough < kept.keptSince) {
        await reportMissedEvents(deps, organizationId, afterId, {
          from: new Date(recordedThrough),
          to: new Date(kept.keptSince),
        });
      }
      // what was held back comes after the cursor too: all of it in order, so none is recorded before an older one
      const held = heldBack.get(organizationId) ?? [];
      heldBack.delete(organizationId);
      for (const entry of inOrder([...kept.entries, ...held])) {
        if (isOutgoingWebhookEvent(entry.event.type)) await recordNow(entry);
      }
    }
  }

  /** Whether nothing is left to catch up from an interruption the feed has resumed from (it is tried now). */
  async function caughtUp(): Promise<boolean> {
    if (missedSince === undefined || !listening) return true;
    const seen = interruptions;
    try {
      await catchUp(missedSince);
    } catch (err) {
      deps.logger.error({ err }, "outgoing webhooks: events missed while disconnected not caught up yet");
      return false;
    }
    // interrupted again meanwhile: what followed is caught up after that
    if (interruptions === seen) missedSince = undefined;
    return true;
  }

  const record = (entry: RealtimeEntry) =>
    serially(async () => {
      if (await caughtUp()) await recordNow(entry);
      else holdBack(entry);
    });

  const tick = () =>
    serially(async () => {
      if (!(await caughtUp())) return;
      await recordHeldBack();
      // live entries went unheard since `missedSince`: nothing may be marked recorded until they are caught up
      if (missedSince !== undefined) return;
      // everything heard before this task is recorded, but for the organizations still held back
      await deps.store.cursors.markRecordedThrough(
        deps.clock.now(),
        [...heldBack.keys()],
        recordedThroughSlackMs,
      );
    });

  const stop = feed.subscribe(
    (entry) => {
      if (isOutgoingWebhookEvent(entry.event.type)) void record(entry);
    },
    {
      interrupted() {
        interruptions += 1;
        listening = false;
        missedSince ??= deps.clock.now();
      },
      resumed() {
        listening = true;
        // before any entry heard from now on: the feed tells this first
        void serially(async () => {
          await caughtUp();
        });
      },
    },
  );
  // as one task: live entries heard meanwhile are recorded after it
  const startup = chain.then(() => catchUp());
  chain = startup.catch(() => undefined);
  await startup;
  return { tick, stop };
}
