import {
  type Channel,
  type ChannelAdapters,
  channels,
  type InboundMessage,
  type ParsedWebhook,
} from "../integrations";
import { webhookProcessAttempts } from "../shared/jobs";
import { type IngestionChanges, noChanges, publishIngestionEvents } from "./ingest-changes";
import { enqueueMediaDownloads } from "./ingest-media";
import { ingestMessage } from "./ingest-message";
import { applyStatusUpdate } from "./ingest-status";
import type { IngestionDeps, StoredWebhook } from "./ingestion-ports";

/**
 * A status may arrive before the send that produced its message has stored the provider's id, so a recent
 * status for an unknown message is retried; an old one (or one on the last attempt) is for a message this
 * CRM never sent (e.g. written from the phone) and is dropped.
 */
const unknownMessageGraceMs = 5 * 60_000;
const maxErrorLength = 1000;

export type WebhookProcessOutcome = "processed" | "skipped" | "failed";

type ParseResult = { ok: true; channel: Channel; webhook: ParsedWebhook } | { ok: false; error: string };

function parseStoredWebhook(adapters: ChannelAdapters, log: StoredWebhook): ParseResult {
  const channel = channels.find((c) => c === log.channel);
  if (!channel) return { ok: false, error: `"${log.channel}" is not a messaging channel` };
  if (log.payload === null || log.payload === undefined) return { ok: false, error: "The body is not JSON" };
  try {
    return { ok: true, channel, webhook: adapters.get(channel).parse(log.payload, log.source, log.eventId) };
  } catch (error) {
    return { ok: false, error: `Unreadable ${channel} payload: ${errorMessage(error)}` };
  }
}

const errorMessage = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, maxErrorLength);

/**
 * Threads in a fixed order, so two batches never lock the same conversations in opposite orders; each message
 * with its position in the payload, which orders the messages of one second.
 */
const inLockOrder = (messages: InboundMessage[]) =>
  messages
    .map((message, position) => ({ message, position }))
    .toSorted(
      ({ message: a }, { message: b }) =>
        (a.threadId < b.threadId ? -1 : a.threadId > b.threadId ? 1 : 0) ||
        a.sentAt.getTime() - b.sentAt.getTime(),
    );

class StatusTooEarly extends Error {}

type Run =
  | { outcome: "skipped" }
  | { outcome: "failed"; organizationId: string; reason: string }
  | { outcome: "processed"; organizationId: string; changes: IngestionChanges }
  /** Stored, but a status waits for its message: the log counts an attempt and is run again. */
  | { outcome: "deferred"; organizationId: string; changes: IngestionChanges; reason: string };

// a held one waits for its integration to be switched on again, which makes it pending
const isDone = (log: StoredWebhook) =>
  log.status === "success" || log.status === "failed" || log.status === "held";

/**
 * The `webhook-process` job: turns a stored webhook into contacts, conversations, messages and statuses,
 * exactly once. Everything of one webhook commits in one transaction with the log marked processed, under
 * the log's row lock: a second run (redelivery, sweeper, retry) waits for the first, then finds it done.
 * A payload that cannot be read fails the log at once; any other failure rolls back, counts the attempt
 * on the log (retrying, or failed on the last one) and is rethrown for the queue to retry. A recent status
 * whose message is not stored yet does not hold its batch back: the rest commits with the attempt counted,
 * and the job is failed for the queue to run it again. Events and media downloads go out only after the
 * commit, and only for what really changed.
 */
export async function processWebhook(
  deps: Pick<IngestionDeps, "store" | "adapters" | "queue" | "events" | "clock" | "logger">,
  webhookLogId: string,
): Promise<WebhookProcessOutcome> {
  let run: Run;
  try {
    run = await deps.store.transaction(async (repos): Promise<Run> => {
      const log = await repos.webhookLogs.lock(webhookLogId);
      if (!log || isDone(log)) return { outcome: "skipped" };
      const now = deps.clock.now();
      const { organizationId, integrationId } = log;
      const parsed = parseStoredWebhook(deps.adapters, log);
      if (!parsed.ok) {
        await repos.webhookLogs.recordFailure(log.id, {
          error: parsed.error,
          at: now,
          permanent: true,
          maxAttempts: webhookProcessAttempts,
        });
        return { outcome: "failed", organizationId, reason: parsed.error };
      }
      const source = { organizationId, integrationId, channel: parsed.channel, webhookLogId: log.id, now };
      const changes = noChanges();
      for (const inbound of inLockOrder(parsed.webhook.messages)) {
        await ingestMessage(repos, source, inbound, changes);
      }
      const lastAttempt = log.attempts + 1 >= webhookProcessAttempts;
      const early: string[] = [];
      for (const update of parsed.webhook.statuses) {
        const known = await applyStatusUpdate(repos, organizationId, parsed.channel, update, changes);
        const recent = now.getTime() - update.at.getTime() < unknownMessageGraceMs;
        if (!known && recent && !lastAttempt) {
          early.push(`No message ${update.channelMessageId} yet for its "${update.status}" status`);
        }
      }
      if (early.length > 0) {
        // the batch's messages and known statuses commit now; the run again redoes only what is missing
        const reason = early.join("; ");
        await repos.webhookLogs.recordFailure(log.id, {
          error: reason,
          at: now,
          permanent: false,
          maxAttempts: webhookProcessAttempts,
        });
        return { outcome: "deferred", organizationId, changes, reason };
      }
      await repos.webhookLogs.markProcessed(log.id, now);
      return { outcome: "processed", organizationId, changes };
    });
  } catch (error) {
    await recordFailedAttempt(deps, webhookLogId, error);
    throw error;
  }
  if (run.outcome === "failed") {
    deps.logger.warn(
      { webhookLogId, organizationId: run.organizationId, reason: run.reason },
      "webhook cannot be processed",
    );
  }
  if (run.outcome === "skipped" || run.outcome === "failed") return run.outcome;
  await publishIngestionEvents(deps, run.organizationId, run.changes);
  await enqueueMediaDownloads(deps, run.changes);
  // thrown for the queue to run the job again; the attempt is already counted on the log
  if (run.outcome === "deferred") throw new StatusTooEarly(run.reason);
  return "processed";
}

async function recordFailedAttempt(
  deps: Pick<IngestionDeps, "store" | "clock" | "logger">,
  id: string,
  error: unknown,
): Promise<void> {
  const context = { webhookLogId: id };
  try {
    const failure = await deps.store.webhookLogs.recordFailure(id, {
      error: errorMessage(error),
      at: deps.clock.now(),
      permanent: false,
      maxAttempts: webhookProcessAttempts,
    });
    if (!failure) return;
    const level = failure.status === "failed" ? "error" : "warn";
    deps.logger[level]({ ...context, err: error, ...failure }, "webhook processing failed");
  } catch (recordError) {
    // the database is likely down too: the row stays pending or retrying and the sweeper brings it back
    deps.logger.error({ ...context, err: error, recordError }, "webhook failure could not be recorded");
  }
}
