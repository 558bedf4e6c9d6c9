import { randomBytes, randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@crm/db";
import { createThreadCursorRepository } from "@crm/db/conversations/thread-cursor-repository";
import { createIntegrationsStore } from "@crm/db/integrations/integrations-store";
import { createTestDatabase } from "@crm/db/testing/test-database";
import { createIntegration, type EnqueueOptions, type IntegrationsDeps } from "@crm/domain";
import {
  createChannelAdapters,
  createCredentialCipher,
  defaultChannelApiBases,
  parseDiscordPayload,
} from "@crm/integrations";
import { discordMessage, type FakeDiscord, fakeSnowflake, startFakeDiscord } from "@crm/integrations/testing";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DiscordBackfillOptions } from "./discord-backfill";
import { type DiscordGatewaySupervisor, startDiscordGateways } from "./discord-gateways";

let database: DatabaseHandle;
let fake: FakeDiscord;
let supervisor: DiscordGatewaySupervisor | undefined;
const cipher = createCredentialCipher(randomBytes(32));
const enqueued: Array<{ queue: string; payload: unknown; options: EnqueueOptions | undefined }> = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 1000 });
  enqueued.length = 0;
});
afterEach(async () => {
  await supervisor?.close();
  supervisor = undefined;
  await fake.close();
  // the next test's supervisor must not see this test's integrations
  await database.db.deleteFrom("integrations").where("channel", "=", "discord").execute();
});

const eventually = (assertion: () => unknown) => vi.waitFor(assertion, { timeout: 10_000, interval: 20 });

const queue = {
  enqueue: async (queue: string, payload: unknown, options?: EnqueueOptions) => {
    enqueued.push({ queue, payload, options });
  },
};

async function connectDiscord() {
  const organization = await database.db
    .insertInto("organizations")
    .values({ name: "Discord Co", slug: `discord-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const store = createIntegrationsStore(database.db);
  const deps: IntegrationsDeps = {
    store,
    cipher,
    adapters: createChannelAdapters({ ...defaultChannelApiBases, discord: fake.apiBase }),
    queue,
    logger: createRecordingLogger(),
    clock: { now: () => new Date() },
  };
  const actor = {
    kind: "apiKey" as const,
    apiKeyId: randomUUID(),
    organizationId: organization.id,
    role: "owner" as const,
  };
  const integration = await createIntegration(deps, actor, {
    channel: "discord",
    name: "Discord",
    config: fake.config,
  });
  return { store, deps, actor, integration };
}

function supervise(
  store: ReturnType<typeof createIntegrationsStore>,
  gatewayUrl?: string,
  logger = createRecordingLogger(),
  backfill?: DiscordBackfillOptions,
) {
  supervisor = startDiscordGateways({
    integrations: store.integrations,
    webhookLogs: store.webhookLogs,
    threadCursors: createThreadCursorRepository(database.db),
    cipher,
    queue,
    logger,
    backfill,
    apiBase: fake.apiBase,
    gatewayUrl,
    refreshMs: 60_000,
    firstRefreshMs: 0,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
  });
  return supervisor;
}

const gatewayLogs = (integrationId: string) =>
  database.db
    .selectFrom("webhook_logs")
    .select(["id", "source", "status", "event_id", "payload", "channel"])
    .where("integration_id", "=", integrationId)
    .execute();

describe("Discord gateway supervisor", () => {
  it("connects each active Discord integration and stores what people write, like a webhook", async () => {
    const { store, integration } = await connectDiscord();
    // without DISCORD_GATEWAY_URL it asks GET /gateway/bot where to connect
    supervise(store);
    await eventually(() => expect(fake.gateway.readySessions).toBe(1));
    expect(fake.gateway.identifies[0]?.token).toBe(fake.config.botToken);

    const message = discordMessage({ channelId: "777", content: "Olá, preciso de ajuda" });
    fake.gateway.dispatchMessage(message);
    fake.gateway.dispatchMessage(
      discordMessage({
        channelId: "777",
        content: "eco",
        author: { id: "1", username: "crm-bot", bot: true },
      }),
    );
    await eventually(async () => expect(await gatewayLogs(integration.id)).toHaveLength(1));

    const [log] = await gatewayLogs(integration.id);
    expect(log).toMatchObject({
      source: "gateway",
      status: "pending",
      channel: "discord",
      event_id: `${integration.id}:${message.id}`,
      payload: { op: 0, t: "MESSAGE_CREATE", d: { content: "Olá, preciso de ajuda" } },
    });
    expect(enqueued).toEqual([
      {
        queue: "webhook-process",
        payload: { webhookLogId: log?.id },
        options: expect.objectContaining({ jobId: log?.id }),
      },
    ]);
  });

  it("stores a message replayed after a resume only once", async () => {
    const { store, integration } = await connectDiscord();
    supervise(store, fake.gatewayUrl);
    await eventually(() => expect(fake.gateway.readySessions).toBe(1));
    const message = discordMessage({ channelId: "1", content: "uma vez" });
    fake.gateway.dispatchMessage(message);
    await eventually(async () => expect(await gatewayLogs(integration.id)).toHaveLength(1));
    fake.gateway.dispatch("MESSAGE_CREATE", message);
    fake.gateway.disconnectAll(4000);
    await eventually(() => expect(fake.gateway.resumes).toHaveLength(1));
    await eventually(() => expect(fake.gateway.readySessions).toBe(1));
    expect(await gatewayLogs(integration.id)).toHaveLength(1);
  });

  it("disconnects an integration switched off, and reconnects one whose token changed", async () => {
    const { store, deps, actor, integration } = await connectDiscord();
    const gateways = supervise(store, fake.gatewayUrl);
    await eventually(() => expect(fake.gateway.readySessions).toBe(1));

    await store.integrations.update(actor.organizationId, integration.id, { isActive: false });
    await gateways.refresh();
    expect(gateways.connected()).toEqual([]);
    await eventually(() => expect(fake.gateway.connections).toBe(0));

    await store.integrations.update(actor.organizationId, integration.id, { isActive: true });
    await gateways.refresh();
    await eventually(() => expect(fake.gateway.readySessions).toBe(1));
    const { updateIntegration } = await import("@crm/domain");
    await updateIntegration(deps, actor, integration.id, { config: { botToken: "another-bot-token-value" } });
    await gateways.refresh();
    // the fake knows only the original token: the new connection is refused (4004) and not retried
    await eventually(() => expect(fake.gateway.connections).toBe(0));
    expect(gateways.connected()).toEqual([integration.id]);
    expect(fake.gateway.identifies).toHaveLength(2);
  });
});

/** A Discord channel we already have a conversation with: one customer message, ten minutes old. */
async function knownChannel(integration: { id: string; organizationId: string }) {
  const channelId = fakeSnowflake();
  const tenMinutesAgo = new Date(Date.now() - 600_000);
  const lastMessageId = fakeSnowflake(tenMinutesAgo);
  const conversation = await database.db
    .insertInto("conversations")
    .values({
      organization_id: integration.organizationId,
      channel: "discord",
      channel_thread_id: channelId,
      integration_id: integration.id,
      last_message_at: tenMinutesAgo,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto("messages")
    .values({
      organization_id: integration.organizationId,
      conversation_id: conversation.id,
      channel: "discord",
      channel_message_id: lastMessageId,
      direction: "inbound",
      sender_type: "contact",
      content: "antes",
      sent_at: tenMinutesAgo,
    })
    .execute();
  return { channelId, lastMessageId };
}

const bot = { id: "1", username: "crm-bot", bot: true };
const historyReads = (channelId: string) =>
  fake.requests.filter(
    (request) => request.method === "GET" && request.path.endsWith(`/channels/${channelId}/messages`),
  );

/** The event ids in the order their `webhook-process` jobs were queued. */
async function queuedEventIds(integrationId: string) {
  const logs = new Map((await gatewayLogs(integrationId)).map((log) => [log.id, log.event_id]));
  return enqueued.map((job) => logs.get((job.payload as { webhookLogId: string }).webhookLogId));
}

describe("Discord backfill after a new gateway session", () => {
  it("stores what customers wrote while no gateway was connected, once and oldest first", async () => {
    const { store, integration } = await connectDiscord();
    const { channelId, lastMessageId } = await knownChannel(integration);
    // the worker was down: nobody listened to these
    const first = discordMessage({ channelId, content: "alguém aí?" });
    const notice = { ...discordMessage({ channelId, content: "" }), type: 7 };
    const second = discordMessage({ channelId, content: "preciso de ajuda" });
    const reply = discordMessage({ channelId, content: "olá!", author: bot });
    const third = discordMessage({ channelId, content: "obrigado" });
    for (const message of [first, notice, second, reply, third].toReversed()) fake.addChannelMessage(message);
    const stranger = fakeSnowflake();
    fake.addChannelMessage(discordMessage({ channelId: stranger, content: "canal desconhecido" }));

    const gateways = supervise(store);
    await eventually(async () => expect(await gatewayLogs(integration.id)).toHaveLength(3));
    await gateways.idle();

    expect(await queuedEventIds(integration.id)).toEqual(
      [first, second, third].map((message) => `${integration.id}:${message.id}`),
    );
    const [read] = historyReads(channelId);
    expect(read?.query.get("after")).toBe(lastMessageId);
    expect(read?.query.get("limit")).toBe("100");
    expect(read?.headers.authorization).toBe(`Bot ${fake.config.botToken}`);
    expect(historyReads(stranger)).toEqual([]);
    // the webhook-process job reads it as it reads a live MESSAGE_CREATE
    const logs = await gatewayLogs(integration.id);
    const texts = logs.map((log) => parseDiscordPayload(log.payload, "gateway").messages[0]?.text).sort();
    expect(texts).toEqual(["alguém aí?", "obrigado", "preciso de ajuda"]);
    expect(logs.every((log) => log.source === "gateway" && log.status === "pending")).toBe(true);
  });

  it("keeps one copy of a message the live gateway also delivered", async () => {
    const { store, integration } = await connectDiscord();
    const { channelId } = await knownChannel(integration);
    const offline = discordMessage({ channelId, content: "escrito offline" });
    const both = discordMessage({ channelId, content: "visto pelos dois" });
    fake.addChannelMessage(offline);
    fake.addChannelMessage(both);
    const logger = createRecordingLogger();
    const gateways = supervise(store, fake.gatewayUrl, logger);
    await eventually(() => expect(fake.gateway.readySessions).toBe(1));
    fake.gateway.dispatchMessage(both);

    const duplicate = `${integration.id}:${both.id}`;
    await eventually(() =>
      expect(logger.entries.some((entry) => "eventId" in entry.obj && entry.obj.eventId === duplicate)).toBe(
        true,
      ),
    );
    await gateways.idle();
    expect((await gatewayLogs(integration.id)).map((log) => log.event_id).sort()).toEqual(
      [`${integration.id}:${offline.id}`, duplicate].sort(),
    );
    expect(enqueued).toHaveLength(2);
  });

  it("does not read history after a resume, which replays what was missed, but does after a new session", async () => {
    const { store, integration } = await connectDiscord();
    const { channelId } = await knownChannel(integration);
    const gateways = supervise(store, fake.gatewayUrl);
    await eventually(() => expect(historyReads(channelId)).toHaveLength(1));
    await gateways.idle();

    const unseen = discordMessage({ channelId, content: "só no histórico" });
    fake.addChannelMessage(unseen);
    fake.gateway.disconnectAll(4000);
    await eventually(() => expect(fake.gateway.resumes).toHaveLength(1));
    // dispatched after RESUMED: once it is stored, the client has handled RESUMED
    const live = discordMessage({ channelId, content: "ao vivo" });
    fake.gateway.dispatchMessage(live);
    await eventually(async () => expect(await gatewayLogs(integration.id)).toHaveLength(1));
    await gateways.idle();
    expect(historyReads(channelId)).toHaveLength(1);
    expect((await gatewayLogs(integration.id))[0]?.event_id).toBe(`${integration.id}:${live.id}`);

    // the session timed out: the next one starts blank, and the history fills the gap
    fake.gateway.disconnectAll(4009);
    await eventually(async () => expect(await gatewayLogs(integration.id)).toHaveLength(2));
    await gateways.idle();
    expect(historyReads(channelId)).toHaveLength(2);
    expect(await queuedEventIds(integration.id)).toEqual([
      `${integration.id}:${live.id}`,
      `${integration.id}:${unseen.id}`,
    ]);
  });

  it("reads the history again once an integration switched off is switched on", async () => {
    const { store, actor, integration } = await connectDiscord();
    const { channelId } = await knownChannel(integration);
    const gateways = supervise(store, fake.gatewayUrl);
    await eventually(() => expect(fake.gateway.readySessions).toBe(1));
    await store.integrations.update(actor.organizationId, integration.id, { isActive: false });
    await gateways.refresh();
    const whileOff = discordMessage({ channelId, content: "enquanto desligado" });
    fake.addChannelMessage(whileOff);

    await store.integrations.update(actor.organizationId, integration.id, { isActive: true });
    await gateways.refresh();
    await eventually(async () => expect(await gatewayLogs(integration.id)).toHaveLength(1));
    expect((await gatewayLogs(integration.id))[0]?.event_id).toBe(`${integration.id}:${whileOff.id}`);
  });

  it("waits out a 429 for as long as Discord asks, then reads the history", async () => {
    const { store, integration } = await connectDiscord();
    const { channelId } = await knownChannel(integration);
    const message = discordMessage({ channelId, content: "depois do limite" });
    fake.addChannelMessage(message);
    // with a configured gateway URL, the history read is the first HTTP request
    fake.failNext(429);
    const logger = createRecordingLogger();
    const gateways = supervise(store, fake.gatewayUrl, logger);
    await eventually(async () => expect(await gatewayLogs(integration.id)).toHaveLength(1));
    await gateways.idle();

    expect(historyReads(channelId)).toHaveLength(2);
    // the body's retry_after (0.5 s) is more precise than the Retry-After header (1 s)
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        msg: "Discord backfill rate limited; waiting",
        obj: expect.objectContaining({ retryAfterMs: 500 }),
      }),
    );
  });

  it("gives up on a 429 longer than it may wait, without touching the live connection", async () => {
    const { store, integration } = await connectDiscord();
    const { channelId } = await knownChannel(integration);
    fake.addChannelMessage(discordMessage({ channelId, content: "fica para depois" }));
    fake.failNext(429);
    const logger = createRecordingLogger();
    const gateways = supervise(store, fake.gatewayUrl, logger, { maxRetryAfterMs: 100 });
    await eventually(() => expect(historyReads(channelId)).toHaveLength(1));
    await gateways.idle();
    expect(logger.entries.map((entry) => entry.msg)).toContain(
      "Discord backfill rate limited for too long; stopped",
    );
    expect(await gatewayLogs(integration.id)).toEqual([]);

    const live = discordMessage({ channelId, content: "ao vivo" });
    fake.gateway.dispatchMessage(live);
    await eventually(async () => expect(await gatewayLogs(integration.id)).toHaveLength(1));
  });

  it("pages forward from the highest id received and stops at the page cap, saying so", async () => {
    const { store, integration } = await connectDiscord();
    const { channelId } = await knownChannel(integration);
    const written = Array.from({ length: 250 }, (_, i) =>
      discordMessage({ channelId, content: `mensagem ${i}` }),
    );
    for (const message of written) fake.addChannelMessage(message);
    const logger = createRecordingLogger();
    const gateways = supervise(store, fake.gatewayUrl, logger, { maxPages: 2 });
    await eventually(async () => expect(await gatewayLogs(integration.id)).toHaveLength(200));
    await gateways.idle();

    expect(historyReads(channelId).map((read) => read.query.get("after"))).toEqual([
      expect.any(String),
      written[99]?.id,
    ]);
    expect(await queuedEventIds(integration.id)).toEqual(
      written.slice(0, 200).map((message) => `${integration.id}:${message.id}`),
    );
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: "warn",
        msg: "Discord backfill stopped at its page cap; messages after this id are not recovered",
        obj: expect.objectContaining({ channelId, after: written[199]?.id }),
      }),
    );
  });
});
