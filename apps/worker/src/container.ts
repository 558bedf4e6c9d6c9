import { randomUUID } from "node:crypto";
import { createDatabase, migrateToLatest } from "@crm/db";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { createConversationsStore } from "@crm/db/conversations/conversations-store";
import { createRetentionRepository } from "@crm/db/conversations/retention-repository";
import { createSnoozeRepository } from "@crm/db/conversations/snooze-repository";
import { createThreadCursorRepository } from "@crm/db/conversations/thread-cursor-repository";
import { createIntegrationRepository } from "@crm/db/integrations/integration-repository";
import { createWebhookLogRepository } from "@crm/db/integrations/webhook-log-repository";
import { createPaymentsStore } from "@crm/db/payments/payments-store";
import { createChannelCredentials } from "@crm/domain/integrations/credentials";
import { startRecordingEvents } from "@crm/domain/outgoing-webhooks/event-recorder";
import type { Logger } from "@crm/domain/shared/logger";
import {
  createChannelAdapters,
  createCredentialCipher,
  defaultChannelApiBases,
  EncryptionKeyError,
  resolveEncryptionKey,
} from "@crm/integrations";
import { createPaymentProviders, defaultPaymentApiBases } from "@crm/integrations/payment-providers";
import {
  closeRedisClient,
  createBullmqProcessorHost,
  createBullmqQueue,
  createRedisConnection,
  createRedisEventBus,
} from "@crm/runtime";
import { createRedisRealtime } from "@crm/runtime/realtime/redis-realtime";
import { closeInTurn } from "./close-in-turn";
import type { WorkerDeps } from "./deps";
import { EnvError, type WorkerEnv } from "./env";
import { scheduleImportSweep } from "./jobs/contacts/sweep-imports";
import { createIngestionDeps, createMediaStorage } from "./jobs/conversations/ingestion-deps";
import { scheduleRetention } from "./jobs/conversations/retention";
import { scheduleSendSweep } from "./jobs/conversations/sweep-sends";
import { scheduleWebhookSweep } from "./jobs/conversations/sweep-webhooks";
import { scheduleSnoozeWake } from "./jobs/conversations/wake-snoozed";
import { startDiscordGateways } from "./jobs/integrations/discord-gateways";
import { scheduleWebhookDeliverySweep } from "./jobs/outgoing-webhooks/deliver-webhook";
import { createOutgoingWebhooksDeps } from "./jobs/outgoing-webhooks/outgoing-webhooks-deps";
import { schedulePaymentExpiry } from "./jobs/payments/expire-payments";
import { scheduleRefundSettlement } from "./jobs/payments/settle-refunds";
import { createMailer } from "./mail/mailer";
import { registerProcessors } from "./processors";

export interface WorkerContainer {
  /**
   * Stops taking jobs, waits for the running ones, then closes the Redis and database connections, each for a
   * bounded time; answers what did not close (empty when all did).
   */
  close(): Promise<string[]>;
}

/** How long each connection may take to close after the jobs stopped: QUIT is waited for 2 s at most. */
const connectionCloseMs = 3_000;

/** The worker's composition root: builds the adapters and starts the processors (BullMQ workers start at once). */
export async function createContainer(env: WorkerEnv, logger: Logger): Promise<WorkerContainer> {
  // jobs that touch data (contact imports) need the API's database; an embedded PGlite would be another one
  if (!env.databaseUrl) {
    throw new EnvError([
      "DATABASE_URL is required: the worker's jobs read and write the same PostgreSQL as the API " +
        "(e.g. postgres://user@127.0.0.1:5432/crm)",
    ]);
  }
  const cipher = createCredentialCipher(encryptionKeyOf(env));
  // webhook, media and import jobs each hold a connection while they run
  const database = await createDatabase({ databaseUrl: env.databaseUrl, logger, poolMax: 20 });
  // a worker that starts before the API must not run jobs against a schema that is not there yet
  const { applied } = await migrateToLatest(database.db);
  if (applied.length > 0) logger.info({ applied }, "database migrated");
  const connection = createRedisConnection(env.redisUrl, { connectionName: "crm-worker" });
  connection.on("error", (err) => logger.error({ err }, "Redis connection error"));
  const host = createBullmqProcessorHost({ connection, logger });
  const queue = createBullmqQueue({ connection, logger });
  const events = createRedisEventBus({
    url: env.redisUrl,
    channelPrefix: env.redisChannelPrefix,
    logger,
    heartbeat: env.redisHeartbeat,
  });
  const clock = { now: () => new Date() };
  const channels = {
    adapters: createChannelAdapters(
      { ...defaultChannelApiBases, ...env.channelApiBases },
      { ...(env.mediaMaxBytes !== undefined && { mediaMaxBytes: env.mediaMaxBytes }) },
    ),
    credentials: createChannelCredentials({ integrations: createIntegrationRepository(database.db), cipher }),
  };
  const deps: WorkerDeps = {
    mailer: createMailer({ smtpUrl: env.smtpUrl, from: env.mailFrom, logger }),
    logger,
    contacts: {
      store: createContactsStore(database.db),
      clock: { now: () => new Date() },
      queue,
      events,
      newId: randomUUID,
    },
    ingestion: createIngestionDeps({
      db: database.db,
      channels,
      dataDir: env.dataDir,
      queue,
      events,
      logger,
    }),
    delivery: { store: createConversationsStore(database.db), clock, queue, events, channels },
    retention: {
      retention: createRetentionRepository(database.db),
      clock,
      files: createMediaStorage(env.dataDir),
      logger,
      importPreviews: {
        imports: createContactsStore(database.db).imports,
        clock,
        retentionDays: env.importPreviewRetentionDays,
      },
    },
    snoozes: { snoozes: createSnoozeRepository(database.db), clock, events },
    payments: {
      store: createPaymentsStore(database.db),
      providers: createPaymentProviders({
        stripe: env.stripeApiBase ?? defaultPaymentApiBases.stripe,
        mercadopago: env.mercadopagoApiBase ?? defaultPaymentApiBases.mercadopago,
      }),
      cipher,
      clock,
      events,
      logger,
      // the worker only applies provider notifications: it creates no links and sends no messages
      links: {
        returnUrl: (paymentId) => `/payments/${paymentId}`,
        webhookUrl: (provider, integrationId) => `/webhooks/${provider}/${integrationId}`,
      },
      newId: randomUUID,
    },
  };
  const outgoingWebhooks = createOutgoingWebhooksDeps({
    db: database.db,
    cipher,
    queue,
    logger,
    settings: env.outgoingWebhooks,
  });
  deps.outgoingWebhooks = outgoingWebhooks;
  registerProcessors(host, deps);
  // the realtime log, read only: its entry ids are the events' ids, and its window is what a restart catches up
  const realtimeLog = createRedisRealtime({
    url: env.redisUrl,
    channelPrefix: env.redisChannelPrefix,
    logger,
    heartbeat: env.redisHeartbeat,
  });
  await realtimeLog.ready();
  const recorder = await startRecordingEvents(outgoingWebhooks, realtimeLog.feed);
  // retries what the database refused, and marks how far recording got (a restart tells gaps by it)
  const recorderTicks = setInterval(() => void recorder.tick(), 5_000);
  await scheduleWebhookDeliverySweep(queue);
  await scheduleWebhookSweep(queue);
  await scheduleImportSweep(queue);
  await scheduleSendSweep(queue);
  await scheduleSnoozeWake(queue);
  await schedulePaymentExpiry(queue);
  await scheduleRefundSettlement(queue);
  // a Redis that restarted empty forgot the schedule: register it again on every reconnect
  connection.on("ready", () => {
    scheduleWebhookSweep(queue).catch((err: unknown) =>
      logger.warn({ err }, "webhook sweep not rescheduled"),
    );
    scheduleImportSweep(queue).catch((err: unknown) =>
      logger.warn({ err }, "contact import sweep not rescheduled"),
    );
    scheduleSendSweep(queue).catch((err: unknown) => logger.warn({ err }, "send sweep not rescheduled"));
    scheduleWebhookDeliverySweep(queue).catch((err: unknown) =>
      logger.warn({ err }, "outgoing webhook sweep not rescheduled"),
    );
    scheduleSnoozeWake(queue).catch((err: unknown) => logger.warn({ err }, "snooze wake not rescheduled"));
    schedulePaymentExpiry(queue).catch((err: unknown) =>
      logger.warn({ err }, "payment expiry not rescheduled"),
    );
    scheduleRefundSettlement(queue).catch((err: unknown) =>
      logger.warn({ err }, "refund settlement not rescheduled"),
    );
  });
  await scheduleRetention(queue);
  const discordGateways = env.discordGateway
    ? startDiscordGateways({
        integrations: createIntegrationRepository(database.db),
        webhookLogs: createWebhookLogRepository(database.db),
        threadCursors: createThreadCursorRepository(database.db),
        cipher,
        queue,
        logger,
        apiBase: env.channelApiBases.discord ?? defaultChannelApiBases.discord,
        gatewayUrl: env.discordGatewayUrl,
      })
    : undefined;

  return {
    close() {
      clearInterval(recorderTicks);
      recorder.stop();
      const connectionStep = (name: string, close: () => Promise<unknown>) => ({
        name,
        close,
        timeoutMs: connectionCloseMs,
      });
      return closeInTurn(
        [
          connectionStep("Discord gateways", async () => discordGateways?.close()),
          // a job still running past it is dropped with its worker: once its lock expires, it is found stalled
          // and retried by the next worker
          { name: "BullMQ workers", close: () => host.close(), timeoutMs: env.shutdownTimeoutMs },
          connectionStep("BullMQ queues and schedules", () => queue.close()),
          connectionStep("realtime log Redis connections", () => realtimeLog.close()),
          connectionStep("event bus Redis connections", () => events.close()),
          connectionStep("Redis command connection", () => closeRedisClient(connection)),
          connectionStep("database", () => database.close()),
        ],
        logger,
      );
    },
  };
}

/** The API's key: ENCRYPTION_KEY, or the key file the API generated in a shared DATA_DIR. */
function encryptionKeyOf(env: WorkerEnv): Buffer {
  try {
    return resolveEncryptionKey({ configured: env.encryptionKey, dataDir: env.dataDir, generate: false }).key;
  } catch (error) {
    if (error instanceof EncryptionKeyError) throw new EnvError([error.message]);
    throw error;
  }
}
