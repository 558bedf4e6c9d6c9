import { createHash } from "node:crypto";
import {
  type CredentialCipher,
  type IntegrationRepository,
  type JobQueue,
  type Logger,
  openConfig,
  recordWebhookEvent,
  type StoredIntegration,
  scopedEventId,
  type ThreadCursorRepository,
  type WebhookLogRepository,
} from "@crm/domain";
import {
  connectDiscordGateway,
  type DiscordGatewayClient,
  type DiscordGatewayOptions,
  fetchDiscordGatewayUrl,
  type GatewayDispatch,
  parseDiscordPayload,
} from "@crm/integrations";
import { backfillDiscord, type DiscordBackfillOptions } from "./discord-backfill";

export interface DiscordGatewayDeps {
  integrations: Pick<IntegrationRepository, "listActive">;
  webhookLogs: WebhookLogRepository;
  /** Where each known channel's history is read again from when a new session starts. */
  threadCursors: ThreadCursorRepository;
  cipher: CredentialCipher;
  queue: JobQueue;
  logger: Logger;
  /** DISCORD_API_BASE, for GET /gateway/bot when `gatewayUrl` is not configured. */
  apiBase: string;
  /** DISCORD_GATEWAY_URL: skips the lookup (tests, proxies). */
  gatewayUrl?: string | undefined;
  /** How often the list of active Discord integrations is read again (default 30 s). */
  refreshMs?: number;
  /** Delay of the first reading (default 1 s). */
  firstRefreshMs?: number;
  reconnect?: DiscordGatewayOptions["reconnect"];
  backfill?: DiscordBackfillOptions;
}

export interface DiscordGatewaySupervisor {
  /** Connects new or changed integrations and disconnects removed or deactivated ones, now. */
  refresh(): Promise<void>;
  /** Integration ids with a live client (connected or reconnecting). */
  connected(): string[];
  /** Resolves once the backfills started so far have ended. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface Held {
  client: DiscordGatewayClient;
  /** A change of token (or gateway) restarts the connection. */
  fingerprint: string;
  /** Stops its backfill when the connection is let go. */
  backfill: AbortController;
}

const storeAttempts = 3;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds one Gateway connection per active Discord integration and turns every MESSAGE_CREATE a person wrote
 * into a webhook_logs row (source 'gateway') plus a `webhook-process` job, exactly like a webhook. Replicas
 * each holding a connection store each message once: the event id (scoped by the integration) is unique.
 * Each new session (READY, not a resume) reads again what was written in known channels meanwhile.
 */
export function startDiscordGateways(deps: DiscordGatewayDeps): DiscordGatewaySupervisor {
  const held = new Map<string, Held>();
  const backfills = new Set<Promise<void>>();
  let refreshing: Promise<void> = Promise.resolve();
  let closed = false;

  async function store(integration: StoredIntegration, dispatch: GatewayDispatch): Promise<void> {
    const [message] = parseDiscordPayload(dispatch, "gateway").messages;
    // bots (our own replies included), webhooks and notices are not customer messages
    if (!message) return;
    const log = {
      organizationId: integration.organizationId,
      integrationId: integration.id,
      channel: "discord" as const,
      source: "gateway" as const,
      eventId: scopedEventId(integration.id, message.channelMessageId),
      payload: dispatch,
      rawBody: null,
      status: "pending" as const,
      errorMessage: null,
    };
    // the Gateway does not redeliver: a short database outage must not lose the message
    for (let attempt = 1; ; attempt++) {
      try {
        await recordWebhookEvent(
          { store: { webhookLogs: deps.webhookLogs }, queue: deps.queue, logger: deps.logger },
          log,
        );
        return;
      } catch (err) {
        if (attempt >= storeAttempts) {
          deps.logger.error(
            { err, integrationId: integration.id },
            "could not store a Discord message; lost",
          );
          return;
        }
        await wait(500 * attempt);
      }
    }
  }

  async function connect(integration: StoredIntegration, token: string, fingerprint: string): Promise<void> {
    let url = deps.gatewayUrl;
    if (url === undefined) {
      const found = await fetchDiscordGatewayUrl(deps.apiBase, token);
      if (!found.ok) {
        deps.logger.warn(
          { integrationId: integration.id, error: found.error },
          "no Discord gateway URL; retrying later",
        );
        return;
      }
      url = found.url;
    }
    if (closed) return;
    const where = { integrationId: integration.id, organizationId: integration.organizationId };
    const backfill = new AbortController();
    // one backfill at a time per connection: a second new session waits for the first to finish
    let backfilling: Promise<void> = Promise.resolve();
    const startBackfill = (sessionStartedAt: Date) => {
      const run = backfilling
        .then(() =>
          backfill.signal.aborted
            ? undefined
            : backfillDiscord(
                {
                  threadCursors: deps.threadCursors,
                  apiBase: deps.apiBase,
                  logger: deps.logger,
                  store,
                  options: deps.backfill,
                },
                integration,
                token,
                sessionStartedAt,
                backfill.signal,
              ),
        )
        .catch((err: unknown) => deps.logger.error({ ...where, err }, "Discord backfill failed"));
      backfilling = run;
      backfills.add(run);
      void run.finally(() => backfills.delete(run));
    };
    const client = connectDiscordGateway({
      url,
      token,
      logger: deps.logger,
      reconnect: deps.reconnect,
      onDispatch: (dispatch) => {
        if (dispatch.t === "MESSAGE_CREATE") void store(integration, dispatch);
      },
      onStateChange: (state, detail) => {
        if (state === "failed")
          deps.logger.error({ ...where, ...detail }, "Discord refused the bot token; fix the integration");
        else deps.logger.debug({ ...where, state }, "Discord gateway state");
        // a RESUMED session replays what it missed; a new one (READY) starts blank
        if (state === "ready") startBackfill(new Date());
      },
    });
    held.set(integration.id, { client, fingerprint, backfill });
  }

  async function reconcile(): Promise<void> {
    const active = await deps.integrations.listActive("discord");
    const wanted = new Map<string, { integration: StoredIntegration; token: string; fingerprint: string }>();
    for (const integration of active) {
      try {
        const { botToken } = openConfig(deps.cipher, { ...integration, channel: "discord" });
        const fingerprint = createHash("sha256")
          .update(`${botToken}\n${deps.gatewayUrl ?? ""}`)
          .digest("hex");
        wanted.set(integration.id, { integration, token: botToken, fingerprint });
      } catch (err) {
        deps.logger.error({ err, integrationId: integration.id }, "cannot decrypt a Discord integration");
      }
    }
    for (const [id, connection] of held) {
      if (wanted.get(id)?.fingerprint !== connection.fingerprint) {
        held.delete(id);
        connection.backfill.abort();
        await connection.client.close();
      }
    }
    for (const [id, { integration, token, fingerprint }] of wanted) {
      if (!held.has(id) && !closed) await connect(integration, token, fingerprint);
    }
  }

  // one reconciliation at a time, each reading the integrations afresh
  function refresh(): Promise<void> {
    refreshing = refreshing
      .then(reconcile)
      .catch((err) => deps.logger.warn({ err }, "Discord gateway refresh failed; trying again later"));
    return refreshing;
  }

  const timer = setInterval(() => void refresh(), deps.refreshMs ?? 30_000);
  timer.unref();
  // not at once: at start-up the migrations may still be running
  const first = setTimeout(() => void refresh(), deps.firstRefreshMs ?? 1000);
  first.unref();

  return {
    refresh,
    connected: () => [...held.keys()],
    async idle() {
      while (backfills.size > 0) await Promise.all(backfills);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      clearTimeout(first);
      await refreshing;
      for (const connection of held.values()) connection.backfill.abort();
      await Promise.all([...held.values()].map((connection) => connection.client.close()));
      held.clear();
      while (backfills.size > 0) await Promise.all(backfills);
    },
  };
}
