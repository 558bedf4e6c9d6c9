import { type JobQueue, webhookProcessAttempts } from "../shared/jobs";
import type { Logger } from "../shared/logger";
import type { WebhookReply, WebhookRequest } from "./channel";
import { connectChannel } from "./credentials";
import type { NewWebhookLog, StoredChannelIntegration } from "./model";
import type { CurrentIntegration, IntegrationsRepos, WebhookIntakeDeps } from "./ports";

const maxRawBodyLength = 64 * 1024;

export type WebhookOutcome =
  /** The signature is missing or wrong: nothing stored. */
  | { kind: "unauthorized" }
  /** A handshake (Slack url_verification, Discord PING): answered, not stored. */
  | { kind: "handshake"; reply: WebhookReply }
  /**
   * Stored and queued; a redelivery of an event already stored has `logId` null. For a switched-off
   * integration stored `held` instead, and queued when it is switched on again (`updateIntegration`).
   */
  | { kind: "accepted"; logId: string | null; reply: WebhookReply | undefined }
  /** Verified but not JSON: stored as failed with the reason. */
  | { kind: "malformed"; logId: string | null }
  /** Only with a cached integration: it changed (or may have); nothing stored, ask again with a fresh one. */
  | { kind: "stale" };

/**
 * Writes the event before anything else happens to it, then queues its processing. The queue is best
 * effort: when it is down the row stays pending and the sweeper queues it later.
 */
export async function recordWebhookEvent(
  deps: { store: Pick<IntegrationsRepos, "webhookLogs">; queue: JobQueue; logger: Logger },
  log: NewWebhookLog,
): Promise<{ id: string } | undefined>;
/** With `expected` (a cached integration's state): "stale", and nothing stored, when it no longer holds. */
export async function recordWebhookEvent(
  deps: { store: Pick<IntegrationsRepos, "webhookLogs">; queue: JobQueue; logger: Logger },
  log: NewWebhookLog,
  expected: CurrentIntegration,
): Promise<{ id: string } | undefined | "stale">;
export async function recordWebhookEvent(
  deps: { store: Pick<IntegrationsRepos, "webhookLogs">; queue: JobQueue; logger: Logger },
  log: NewWebhookLog,
  expected?: CurrentIntegration,
): Promise<{ id: string } | undefined | "stale"> {
  const inserted = expected
    ? await deps.store.webhookLogs.insertIfCurrent(log, expected)
    : await deps.store.webhookLogs.insert(log);
  if (inserted === "stale") return inserted;
  if (!inserted) {
    deps.logger.info(
      { channel: log.channel, integrationId: log.integrationId, eventId: log.eventId },
      "event already received; skipped",
    );
    return undefined;
  }
  if (log.status === "pending") await enqueueWebhook(deps, inserted.id, log.channel);
  return inserted;
}

async function enqueueWebhook(
  deps: { queue: JobQueue; logger: Logger },
  webhookLogId: string,
  channel: string,
): Promise<void> {
  try {
    await deps.queue.enqueue(
      "webhook-process",
      { webhookLogId },
      { jobId: webhookLogId, attempts: webhookProcessAttempts },
    );
  } catch (err) {
    deps.logger.error({ err, webhookLogId, channel }, "could not queue the webhook; the sweeper will");
  }
}

/**
 * An integration switched on again: what it received while off is queued in arrival order, through the
 * same processing (and idempotency) as any webhook. Called after the switch-on committed.
 */
export async function enqueueReleasedWebhooks(
  deps: { queue: JobQueue; logger: Logger },
  channel: string,
  webhookLogIds: readonly string[],
): Promise<void> {
  for (const id of webhookLogIds) await enqueueWebhook(deps, id, channel);
  if (webhookLogIds.length > 0) {
    deps.logger.info({ channel, count: webhookLogIds.length }, "queued webhooks held while switched off");
  }
}

/** Provider event ids are unique per app or bot, not per organization: scoped by the integration. */
export const scopedEventId = (integrationId: string, eventId: string | undefined): string | null =>
  eventId === undefined ? null : `${integrationId}:${eventId}`;

/** The body as the caller decoded it: JSON, or text that is not JSON (with the parser's reason). */
export type WebhookBody = { ok: true; payload: unknown } | { ok: false; text: string; reason: string };

/**
 * One webhook for one integration: verify over the raw bytes -> answer handshakes -> store -> queue.
 * The signature is checked over `request.rawBody`; `body` is that body decoded (WhatsApp passes only the
 * part of a batch that belongs to this integration).
 */
export async function receiveWebhook(
  deps: WebhookIntakeDeps,
  stored: StoredChannelIntegration,
  request: WebhookRequest,
  body: WebhookBody,
  options: { cached?: boolean } = {},
): Promise<WebhookOutcome> {
  const integration = connectChannel(deps.cipher, stored);
  const adapter = deps.adapters.get(integration.channel);
  const where = {
    channel: integration.channel,
    integrationId: integration.integrationId,
    organizationId: integration.organizationId,
  };
  const verified = adapter.verify(request, integration.config);
  // a cached copy may be out of date: anything but the common case is decided on a fresh one
  if (options.cached && (!verified || !integration.isActive || !body.ok)) return { kind: "stale" };
  if (!verified) {
    deps.logger.warn(where, "webhook signature missing or invalid; rejected");
    return { kind: "unauthorized" };
  }
  // a handshake is answered even while the integration is paused, so its endpoint can be set up before it is on
  const handshake = body.ok ? adapter.handshake?.(body.payload) : undefined;
  if (handshake) return { kind: "handshake", reply: handshake };
  const base = {
    organizationId: integration.organizationId,
    integrationId: integration.integrationId,
    channel: integration.channel,
    source: "webhook",
  } as const;

  if (!body.ok) {
    deps.logger.warn({ ...where, reason: body.reason }, "webhook body is not JSON; stored as failed");
    const log = await recordWebhookEvent(deps, {
      ...base,
      eventId: null,
      payload: null,
      // Postgres text cannot hold NUL
      rawBody: body.text.slice(0, maxRawBodyLength).replaceAll("\u0000", ""),
      status: "failed",
      errorMessage: `Malformed JSON: ${body.reason}`,
    });
    return { kind: "malformed", logId: log?.id ?? null };
  }

  const payload = body.payload;
  const reply = adapter.acknowledge?.(payload);

  const newLog = {
    ...base,
    eventId: scopedEventId(integration.integrationId, adapter.eventId?.(payload, integration.config)),
    payload,
    rawBody: null,
    status: "pending",
    errorMessage: null,
  } as const;
  if (!integration.isActive) {
    // kept, never dropped: the provider got its 200 and will not send it again
    const held = await deps.store.webhookLogs.insertHeld(newLog);
    if (held?.status === "pending") await enqueueWebhook(deps, held.id, newLog.channel);
    deps.logger.info({ ...where, webhookLogId: held?.id }, "webhook for a switched-off integration; held");
    return { kind: "accepted", logId: held?.id ?? null, reply };
  }
  const log = options.cached
    ? await recordWebhookEvent(deps, newLog, {
        sealedConfig: stored.sealedConfig,
        externalId: stored.externalId,
      })
    : await recordWebhookEvent(deps, newLog);
  if (log === "stale") return { kind: "stale" };
  return { kind: "accepted", logId: log?.id ?? null, reply };
}
