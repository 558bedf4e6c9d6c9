import { randomBytes, randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@crm/db";
import { createIntegrationsStore } from "@crm/db/integrations/integrations-store";
import { createTestDatabase } from "@crm/db/testing/test-database";
import { createIntegration, type EnqueueOptions, type IntegrationsDeps } from "@crm/domain";
import { createChannelAdapters, createCredentialCipher, defaultChannelApiBases } from "@crm/integrations";
import { discordMessage, type FakeDiscord, startFakeDiscord } from "@crm/integrations/testing";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
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

function supervise(store: ReturnType<typeof createIntegrationsStore>, gatewayUrl?: string) {
  supervisor = startDiscordGateways({
    integrations: store.integrations,
    webhookLogs: store.webhookLogs,
    cipher,
    queue,
    logger: createRecordingLogger(),
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
