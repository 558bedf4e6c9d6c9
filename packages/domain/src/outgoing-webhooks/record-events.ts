import type { RealtimeEntry, RealtimeFeed } from "../realtime/ports";
import type { Logger } from "../shared/logger";
import { isOutgoingWebhookEvent, subscribesTo } from "./model";
import type { NewDelivery, OutgoingWebhooksDeps } from "./ports";

/** What a receiver gets as the request body; stored as is in the delivery row. */
export interface WebhookBody {
  id: string;
  type: string;
  occurredAt: string;
  organizationId: string;
  data: unknown;
}

/** The job of an attempt: one id per attempt, so a retry is never taken for the job that failed. */
export const deliveryJobId = (deliveryId: string, attempts: number) => `${deliveryId}-${attempts}`;

export async function enqueueDeliveries(
  deps: Pick<OutgoingWebhooksDeps, "queue">,
  ids: string[],
): Promise<void> {
  for (const deliveryId of ids) {
    await deps.queue.enqueue(
      "outgoing-webhook-deliver",
      { deliveryId },
      { jobId: deliveryJobId(deliveryId, 0), replaceFinished: true },
    );
  }
}

/**
 * Turns one realtime log entry into a delivery per subscription of its organization that wants it. The entry id
 * is the event id: the unique (subscription, event id) keeps an event heard twice (several workers, a replay
 * after restart) from being delivered twice.
 */
export async function recordEvent(deps: OutgoingWebhooksDeps, entry: RealtimeEntry): Promise<number> {
  const { event } = entry;
  if (!isOutgoingWebhookEvent(event.type)) return 0;
  const active = await deps.store.subscriptions.listActive(event.organizationId);
  if (active.length === 0) return 0;
  const body: WebhookBody = {
    id: entry.id,
    type: event.type,
    occurredAt: event.occurredAt,
    organizationId: event.organizationId,
    data: event.payload,
  };
  const deliveries: NewDelivery[] = active
    .filter((subscription) => subscribesTo(subscription, event.type))
    .map((subscription) => ({
      subscriptionId: subscription.id,
      eventId: entry.id,
      eventType: event.type,
      payload: body,
    }));
  const inserted =
    deliveries.length > 0 ? await deps.store.deliveries.insertMany(event.organizationId, deliveries) : [];
  await enqueueDeliveries(deps, inserted);
  await deps.store.cursors.advance(event.organizationId, entry.id);
  return inserted.length;
}

/** Entries an organization whose recording failed may hold back before the oldest are given up. */
export const maxHeldBackEntries = 10_000;

/**
 * Listens to the realtime log and records deliveries, then replays what each organization with subscriptions
 * published since its stored cursor, as far back as the log still keeps (its replay window). Live entries and
 * replayed ones may overlap: the unique constraint absorbs that. Returns the function that stops listening.
 *
 * An entry whose recording fails (the database away) is not skipped: its organization's entries are held back,
 * in order, and recorded again, that one first, before any later entry is handled, so its cursor never moves past
 * an event not recorded. A restart replays them from the cursor as well.
 */
export async function startRecordingEvents(
  deps: OutgoingWebhooksDeps & { logger: Logger },
  feed: RealtimeFeed,
): Promise<() => void> {
  /** Per organization whose recording failed, its entries not recorded yet, oldest first. */
  const heldBack = new Map<string, RealtimeEntry[]>();

  async function recordHeldBack(): Promise<void> {
    for (const [organizationId, entries] of heldBack) {
      while (entries.length > 0) {
        await recordEvent(deps, entries[0] as RealtimeEntry);
        entries.shift();
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

  // one entry at a time, in order, so the cursor only moves over what was recorded
  let chain = Promise.resolve();
  const record = (entry: RealtimeEntry) => {
    chain = chain.then(async () => {
      try {
        // what failed before goes first: the next event is the retry's occasion (and a restart replays it)
        await recordHeldBack();
      } catch (err) {
        deps.logger.error({ err }, "outgoing webhooks: held-back events still not recorded");
      }
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
    return chain;
  };
  const stop = feed.subscribe((entry) => {
    if (isOutgoingWebhookEvent(entry.event.type)) void record(entry);
  });
  for (const organizationId of await deps.store.subscriptions.organizationsWithActive()) {
    const cursor = await deps.store.cursors.find(organizationId);
    if (cursor === undefined) continue;
    const replay = await feed.since(organizationId, cursor);
    if (replay.kind === "expired") {
      deps.logger.warn(
        { organizationId, cursor, latestId: replay.latestId },
        "outgoing webhooks: events older than the replay window were missed",
      );
      if (replay.latestId) await deps.store.cursors.advance(organizationId, replay.latestId);
      continue;
    }
    for (const entry of replay.entries) await record(entry);
  }
  return stop;
}
