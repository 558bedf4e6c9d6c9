import { randomUUID } from "node:crypto";
import { createAuthStore, createDatabase, type DatabaseHandle, migrateToLatest } from "@crm/db";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { createConversationsStore } from "@crm/db/conversations/conversations-store";
import { createRetentionRepository } from "@crm/db/conversations/retention-repository";
import { createSnoozeRepository } from "@crm/db/conversations/snooze-repository";
import { createThreadCursorRepository } from "@crm/db/conversations/thread-cursor-repository";
import { createDealsStore } from "@crm/db/deals/deals-store";
import { createDeletionRepository } from "@crm/db/deletions/deletion-repository";
import { createIntegrationsStore } from "@crm/db/integrations/integrations-store";
import { createBatchedWebhookLogRepository } from "@crm/db/integrations/webhook-log-batch";
import { createPaymentsStore } from "@crm/db/payments/payments-store";
import { createIdempotencyKeyRepository } from "@crm/db/shared/idempotency-key-repository";
import type {
  AuthDeps,
  Channels,
  ContactDeletionDeps,
  DealsDeps,
  EventBus,
  IntegrationsDeps,
  JobQueue,
  MessageDeletionDeps,
  PaymentsDeps,
  RateLimiter,
} from "@crm/domain";
import { getConversation } from "@crm/domain/conversations/conversation-queries";
import { sendMessage } from "@crm/domain/conversations/send-message";
import { assertCanSend } from "@crm/domain/conversations/sending";
import type { DeletionsDeps } from "@crm/domain/deletions/ports";
import { createChannelCredentials } from "@crm/domain/integrations/credentials";
import { startRecordingEvents } from "@crm/domain/outgoing-webhooks/event-recorder";
import type { OutgoingWebhooksDeps } from "@crm/domain/outgoing-webhooks/ports";
import { countPendingLinks, expirePendingLinks } from "@crm/domain/payments/integration-links";
import type { FileStorage, StoredFileReader } from "@crm/domain/shared/storage";
import { createChannelAdapters, createCredentialCipher, resolveEncryptionKey } from "@crm/integrations";
import { createPaymentProviders } from "@crm/integrations/payment-providers";
import { scheduleImportSweep } from "@crm/worker/jobs/contacts/sweep-imports";
import { createIngestionDeps, createMediaStorage } from "@crm/worker/jobs/conversations/ingestion-deps";
import { scheduleRetention } from "@crm/worker/jobs/conversations/retention";
import { scheduleSendSweep } from "@crm/worker/jobs/conversations/sweep-sends";
import { scheduleWebhookSweep } from "@crm/worker/jobs/conversations/sweep-webhooks";
import { scheduleSnoozeWake } from "@crm/worker/jobs/conversations/wake-snoozed";
import { startDiscordGateways } from "@crm/worker/jobs/integrations/discord-gateways";
import { scheduleWebhookDeliverySweep } from "@crm/worker/jobs/outgoing-webhooks/deliver-webhook";
import { createOutgoingWebhooksDeps } from "@crm/worker/jobs/outgoing-webhooks/outgoing-webhooks-deps";
import { schedulePaymentExpiry } from "@crm/worker/jobs/payments/expire-payments";
import { scheduleRefundSettlement } from "@crm/worker/jobs/payments/settle-refunds";
import { createMailer } from "@crm/worker/mail/mailer";
import { registerProcessors } from "@crm/worker/processors";
import type { Redis } from "ioredis";
import { argon2Hasher } from "./auth/password-hasher";
import { secretTokens } from "./auth/secret-tokens";
import type { Env } from "./env";
import type { IdempotencyDeps } from "./http/idempotency";
import type { AppLogger } from "./logger";
import { createRealtimeServices, type RealtimeServices } from "./realtime/services";
import {
  connectRequestRedis,
  createCredentialCache,
  createRateLimiter,
  createRealtimeBus,
  wireJobQueue,
} from "./redis-wiring";
import { webhookUrlOf } from "./routers/integrations/dto";

export interface Container {
  env: Env;
  logger: AppLogger;
  db: DatabaseHandle;
  redis: Redis | undefined;
  queue: JobQueue;
  events: EventBus;
  /** WebSocket delivery with replay, typing, per-user read state, notifications. */
  realtime: RealtimeServices;
  rateLimiter: RateLimiter;
  auth: AuthDeps & { dummyPasswordHash: string };
  deals: DealsDeps;
  contacts: ContactDeletionDeps;
  conversations: MessageDeletionDeps;
  integrations: IntegrationsDeps;
  payments: PaymentsDeps;
  /** Subscriptions of integrators to the organization's events, and their deliveries. */
  outgoingWebhooks: OutgoingWebhooksDeps;
  /** Tombstones of deleted contacts, companies, deals, conversations and tags, for syncing clients. */
  deletions: DeletionsDeps;
  /** Channel adapters and decrypted credentials, for sending and ingesting. */
  channels: Channels;
  /** Message media downloaded by the worker, served by `GET /messages/{id}/media`, erased with its message. */
  media: FileStorage & StoredFileReader;
  /** `Idempotency-Key` claims and the answers replayed to retries. */
  idempotency: IdempotencyDeps;
  close(): Promise<void>;
}

export interface ContainerOptions {
  /** Tests pass an isolated database; otherwise one is opened from the environment. */
  database?: DatabaseHandle;
  /**
   * Namespaces every Redis key, queue and channel, so parallel test runs on one Redis never meet. Not for
   * deployments: the worker does not share it, so its queues would be another's (REDIS_CHANNEL_PREFIX is theirs).
   */
  redisPrefix?: string;
}

/** The composition root: every adapter is chosen and wired here, and nowhere else (Redis's: `redis-wiring.ts`). */
export async function createContainer(
  env: Env,
  logger: AppLogger,
  options: ContainerOptions = {},
): Promise<Container> {
  // before anything opens: a missing key in production stops the start with a clear message
  const encryption = resolveEncryptionKey({
    configured: env.ENCRYPTION_KEY,
    dataDir: env.DATA_DIR,
    generate: !(env.NODE_ENV === "production" && env.DATABASE_URL),
  });
  if (encryption.source === "generated") {
    logger.warn(
      { dataDir: env.DATA_DIR },
      "ENCRYPTION_KEY is not set: generated one in DATA_DIR/encryption.key. Set ENCRYPTION_KEY in production; the worker needs the same key",
    );
  }
  const cipher = createCredentialCipher(encryption.key);

  const db =
    options.database ??
    (await createDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      poolMax: env.DATABASE_POOL_MAX,
    }));
  // before anything below can run a job against the schema (embedded mode schedules jobs right away)
  const { applied } = await migrateToLatest(db.db);
  if (applied.length > 0) logger.info({ applied }, "database migrated");

  const redis = await connectRequestRedis(env, logger);
  /** Run in turn by `close`: those added by `unshift` close before the queue, whose connection they use. */
  const closers: Array<() => Promise<unknown>> = [];
  const jobQueue = wireJobQueue(env, logger, redis, options.redisPrefix);
  const { queue, processorHost, scheduler } = jobQueue;
  closers.push(() => jobQueue.close());

  const redisPrefix = options.redisPrefix ?? "";
  const realtimeBus = createRealtimeBus(env, logger, redisPrefix);
  const events = realtimeBus.events;
  const media = createMediaStorage(env.DATA_DIR);
  const contacts: ContactDeletionDeps = {
    store: createContactsStore(db.db),
    clock: { now: () => new Date() },
    queue,
    events,
    newId: randomUUID,
    files: media,
    logger,
  };
  const conversations: MessageDeletionDeps = {
    store: createConversationsStore(db.db),
    clock: { now: () => new Date() },
    queue,
    events,
    files: media,
    logger,
  };

  // concurrent webhooks share one INSERT round trip for their log rows (group commit)
  const webhookLogs = createBatchedWebhookLogRepository(db.db);
  const integrationsStore = { ...createIntegrationsStore(db.db), webhookLogs };
  const channels: Channels = {
    adapters: createChannelAdapters(env.channelApiBases, { mediaMaxBytes: env.MEDIA_MAX_BYTES }),
    credentials: createChannelCredentials({ integrations: integrationsStore.integrations, cipher }),
  };
  const paymentProviders = createPaymentProviders(env.paymentApiBases);
  const integrations: IntegrationsDeps = {
    store: integrationsStore,
    cipher,
    adapters: channels.adapters,
    paymentProviders,
    queue,
    logger,
    clock: { now: () => new Date() },
    webhookUrl: (channel, integrationId) => webhookUrlOf(env.publicUrl, channel, integrationId),
  };

  const authStore = createAuthStore(db.db);
  const payments: PaymentsDeps = {
    store: createPaymentsStore(db.db),
    providers: paymentProviders,
    cipher,
    clock: { now: () => new Date() },
    events,
    logger,
    links: {
      returnUrl: (paymentId) => `${env.appUrl}/payments/${paymentId}`,
      webhookUrl: (provider, integrationId) => `${env.publicUrl}/webhooks/${provider}/${integrationId}`,
    },
    newId: randomUUID,
    sendMessage: (actor, conversationId, text) => sendMessage(conversations, actor, conversationId, { text }),
    checkConversation: async (actor, conversationId) => {
      const conversation = await getConversation(conversations, actor, conversationId);
      // checked again when the message is stored; here so that no link is made for a message that cannot go
      await assertCanSend(conversations.store, conversation, conversations.clock.now());
      return { contactId: conversation.contactId };
    },
    organizationLocale: async (organizationId) =>
      (await authStore.organizations.findById(organizationId))?.locale ?? "pt-BR",
  };
  integrations.paymentLinks = {
    countPending: (organizationId, integrationId) =>
      countPendingLinks(payments, organizationId, integrationId),
    expirePending: (actor, integrationId) => expirePendingLinks(payments, actor, integrationId),
  };

  if (env.discordGateway) {
    const gateways = startDiscordGateways({
      integrations: integrationsStore.integrations,
      webhookLogs: integrationsStore.webhookLogs,
      threadCursors: createThreadCursorRepository(db.db),
      cipher,
      queue,
      logger,
      apiBase: env.channelApiBases.discord,
      gatewayUrl: env.DISCORD_GATEWAY_URL,
    });
    closers.unshift(() => gateways.close());
  }

  const outgoingWebhooks = createOutgoingWebhooksDeps({
    db: db.db,
    cipher,
    queue,
    logger,
    settings: env.outgoingWebhooks,
  });

  if (processorHost) {
    const host = processorHost;
    registerProcessors(host, {
      mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, logger }),
      logger,
      contacts,
      delivery: { ...conversations, channels },
      ingestion: createIngestionDeps({ db: db.db, channels, dataDir: env.DATA_DIR, queue, events, logger }),
      retention: {
        retention: createRetentionRepository(db.db),
        clock: { now: () => new Date() },
        files: media,
        logger,
        importPreviews: {
          imports: createContactsStore(db.db).imports,
          clock: { now: () => new Date() },
          retentionDays: env.IMPORT_PREVIEW_RETENTION_DAYS,
        },
      },
      snoozes: { snoozes: createSnoozeRepository(db.db), clock: { now: () => new Date() }, events },
      payments,
      outgoingWebhooks,
    });
    closers.unshift(() => host.close());
    // where jobs run, events become deliveries (the standalone worker does the same from the Redis log)
    const recorder = await startRecordingEvents(outgoingWebhooks, realtimeBus.feed);
    // retries what the database refused, and marks how far recording got (a restart tells gaps by it)
    const recorderTicks = setInterval(() => void recorder.tick(), 5_000);
    closers.unshift(async () => {
      clearInterval(recorderTicks);
      recorder.stop();
    });
  }
  if (scheduler) await scheduleRetention(scheduler);
  if (scheduler) await scheduleWebhookSweep(scheduler);
  if (scheduler) await scheduleSendSweep(scheduler);
  if (scheduler) await scheduleSnoozeWake(scheduler);
  if (scheduler) await scheduleImportSweep(scheduler);
  if (scheduler) await schedulePaymentExpiry(scheduler);
  if (scheduler) await scheduleRefundSettlement(scheduler);
  if (scheduler) await scheduleWebhookDeliverySweep(scheduler);

  const rateLimiter = createRateLimiter(redis, redisPrefix, logger);
  const credentialCache = createCredentialCache(env, logger, redisPrefix);
  const { credentials } = credentialCache;
  closers.push(() => credentialCache.close());

  const auth = {
    store: authStore,
    credentials,
    passwords: argon2Hasher,
    tokens: secretTokens,
    clock: { now: () => new Date() },
    queue,
    queueReachable: jobQueue.queueReachable,
    events,
    logger,
    links: {
      resetPassword: (token: string) => `${env.appUrl}/reset-password?token=${encodeURIComponent(token)}`,
      acceptInvitation: (token: string) =>
        `${env.appUrl}/accept-invitation?token=${encodeURIComponent(token)}`,
    },
    dummyPasswordHash: await argon2Hasher.hash("a password nobody has, for timing parity"),
  };

  const deals: DealsDeps = {
    store: createDealsStore(db.db),
    clock: { now: () => new Date() },
    events,
    newId: randomUUID,
  };

  const realtime = createRealtimeServices({ db: db.db, events, feed: realtimeBus.feed, logger });

  return {
    env,
    logger,
    db,
    redis,
    queue,
    events,
    realtime,
    rateLimiter,
    auth,
    deals,
    contacts,
    conversations,
    integrations,
    payments,
    outgoingWebhooks,
    deletions: { deletions: createDeletionRepository(db.db) },
    channels,
    media,
    idempotency: { keys: createIdempotencyKeyRepository(db.db), cipher, clock: { now: () => new Date() } },
    async close() {
      // before the queue closes: a log stored now is still queued
      await webhookLogs.flush();
      for (const close of closers) await close();
      realtime.close();
      await realtimeBus.close();
      redis?.disconnect();
      if (!options.database) await db.close();
    },
  };
}
