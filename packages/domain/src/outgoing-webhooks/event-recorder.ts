import { entryIdTime } from "../realtime/entry-id";
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

/**
 * Listens to the realtime log and records deliveries, then replays, for each organization with subscriptions,
 * every entry the log still keeps after its stored cursor. Live entries and replayed ones may overlap: the
 * unique constraint absorbs that. When the organization was last marked recorded before the point from which
 * the log keeps everything, the events in between may be lost: that is reported (`reportMissedEvents`).
 *
 * An entry whose recording fails (the database away) is not skipped: its organization's entries are held back,
 * in order, and recorded again, that one first, on the next tick or before any later entry is handled, so its
 * cursor never moves past an event not recorded. A restart replays them from the cursor as well.
 */
export async function startRecordingEvents(
  deps: Deps,
  feed: RealtimeFeed & RealtimeLogReader,
): Promise<EventRecorder> {
  /** Per organization whose recording failed, its entries not recorded yet, oldest first. */
  const heldBack = new Map<string, RealtimeEntry[]>();

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

  const record = (entry: RealtimeEntry) =>
    serially(async () => {
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
    });

  const tick = () =>
    serially(async () => {
      await recordHeldBack();
      // everything heard before this task is recorded, but for the organizations still held back
      await deps.store.cursors.markRecordedThrough(
        deps.clock.now(),
        [...heldBack.keys()],
        recordedThroughSlackMs,
      );
    });

  const stop = feed.subscribe((entry) => {
    if (isOutgoingWebhookEvent(entry.event.type)) void record(entry);
  });
  for (const organizationId of await deps.store.subscriptions.organizationsWithActive()) {
    const cursor = await deps.store.cursors.position(organizationId);
    if (cursor === undefined) continue;
    const kept = await feed.keptAfter(organizationId, cursor.entryId);
    const recordedThrough = Math.max(cursor.recordedThrough.getTime(), entryIdTime(cursor.entryId));
    if (recordedThrough < kept.keptSince) {
      await reportMissedEvents(deps, organizationId, cursor.entryId, {
        from: new Date(recordedThrough),
        to: new Date(kept.keptSince),
      });
    }
    for (const entry of kept.entries) {
      if (isOutgoingWebhookEvent(entry.event.type)) await record(entry);
    }
  }
  return { tick, stop };
}
