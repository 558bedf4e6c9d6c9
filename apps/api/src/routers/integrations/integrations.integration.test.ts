import {
  type FakeDiscord,
  type FakeSlack,
  type FakeTelegram,
  type FakeWhatsApp,
  postWebhook,
  slackMessageEvent,
  startFakeDiscord,
  startFakeSlack,
  startFakeTelegram,
  startFakeWhatsApp,
  telegramTextUpdate,
} from "@crm/integrations/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";

let api: TestApi;
let whatsapp: FakeWhatsApp;
let telegram: FakeTelegram;
let slack: FakeSlack;
let discord: FakeDiscord;

beforeAll(async () => {
  [whatsapp, telegram, slack, discord] = await Promise.all([
    startFakeWhatsApp(),
    startFakeTelegram(),
    startFakeSlack(),
    startFakeDiscord(),
  ]);
  api = await startTestApi({
    WHATSAPP_API_BASE: whatsapp.apiBase,
    TELEGRAM_API_BASE: telegram.apiBase,
    SLACK_API_BASE: slack.apiBase,
    DISCORD_API_BASE: discord.apiBase,
  });
});
afterAll(async () => {
  await api?.close();
  await Promise.all([whatsapp, telegram, slack, discord].map((fake) => fake?.close()));
});

interface IntegrationBody {
  id: string;
  channel: string;
  name: string;
  isActive: boolean;
  config: Record<string, string>;
  webhookUrl: string;
  externalId: string | null;
  lastTestedAt: string | null;
  lastTestError: string | null;
}

const secretsOf = () => [
  whatsapp.config.accessToken,
  whatsapp.config.appSecret,
  whatsapp.config.verifyToken,
  telegram.config.botToken,
  telegram.config.secretToken,
  slack.config.botToken,
  slack.config.signingSecret,
  discord.config.botToken,
];

const expectNoSecret = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const secret of secretsOf()) expect(text).not.toContain(secret);
};

/** Each fake's credentials; WhatsApp's phone number must be unique across organizations, so it can be replaced. */
const bodies = (phoneNumberId = whatsapp.config.phoneNumberId) => ({
  whatsapp: { channel: "whatsapp", name: "WhatsApp vendas", config: { ...whatsapp.config, phoneNumberId } },
  telegram: { channel: "telegram", name: "Telegram suporte", config: telegram.config },
  slack: { channel: "slack", name: "Slack", config: slack.config },
  discord: { channel: "discord", name: "Discord", config: discord.config },
});

let phoneCounter = 0;
const freshPhoneNumberId = () => {
  phoneCounter += 1;
  return `55${Date.now()}${phoneCounter}`;
};

/** Delivers a Telegram update to the integration and returns the id of the log it wrote. */
async function receivedLogId(integrationId: string): Promise<string> {
  const update = telegramTextUpdate({ chatId: 42, text: "oi" });
  const res = await postWebhook(
    `${api.baseUrl}/webhooks/telegram/${integrationId}`,
    telegram.signedWebhook(update),
  );
  expect(res.status).toBe(200);
  const row = await api.container.db.db
    .selectFrom("webhook_logs")
    .select("id")
    .where("integration_id", "=", integrationId)
    .where("event_id", "=", `${integrationId}:${update.update_id}`)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function create(token: string, body: object) {
  return api.rest<IntegrationBody>("POST", "/integrations", { token, body });
}

describe("connecting channels", () => {
  it("creates one integration per channel, answering masked settings and the webhook URL to paste", async () => {
    const owner = await api.register();
    const created = [];
    for (const body of Object.values(bodies(freshPhoneNumberId()))) {
      const res = await create(owner.token, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      created.push(res.body);
    }
    const [wa, tg, sl, dc] = created;
    expect(wa?.webhookUrl).toBe("http://localhost:3000/webhooks/whatsapp");
    expect(tg?.webhookUrl).toBe(`http://localhost:3000/webhooks/telegram/${tg?.id}`);
    expect(sl?.webhookUrl).toBe(`http://localhost:3000/webhooks/slack/${sl?.id}`);
    expect(dc?.webhookUrl).toBe(`http://localhost:3000/webhooks/discord/${dc?.id}`);
    expect(wa?.config.accessToken).toBe(`••••${whatsapp.config.accessToken.slice(-4)}`);
    expect(dc?.config).toMatchObject({
      applicationId: discord.config.applicationId,
      publicKey: discord.config.publicKey,
    });
    expect(dc?.externalId).toBe(discord.config.applicationId);
    expectNoSecret(created);

    const list = await api.rest<{ items: IntegrationBody[] }>("GET", "/integrations", { token: owner.token });
    expect(list.body.items).toHaveLength(4);
    expectNoSecret(list.body);
    const filtered = await api.rest<{ items: IntegrationBody[] }>("GET", "/integrations?channel=slack", {
      token: owner.token,
    });
    expect(filtered.body.items.map((i) => i.channel)).toEqual(["slack"]);
    expectNoSecret(await api.rest("GET", `/integrations/${tg?.id}`, { token: owner.token }));
    expectNoSecret(await api.trpc(owner.token).integrations.list.query({}));
  });

  it("keeps the credentials encrypted at rest, and never in the logs", async () => {
    const owner = await api.register();
    const logged: unknown[] = [];
    const spies = (["info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(api.container.logger, level).mockImplementation((...args: unknown[]) => {
        logged.push(args);
      }),
    );
    try {
      const res = await create(owner.token, bodies(freshPhoneNumberId()).whatsapp);
      await api.rest("POST", `/integrations/${res.body.id}/test`, { token: owner.token, body: {} });
      const row = await api.container.db.db
        .selectFrom("integrations")
        .select([sql<string>`config::text`.as("config"), "verify_token_hash"])
        .where("id", "=", res.body.id)
        .executeTakeFirstOrThrow();
      expectNoSecret(row);
      expect(JSON.parse(row.config)).toEqual({
        v: 1,
        iv: expect.any(String),
        tag: expect.any(String),
        data: expect.any(String),
      });
      expectNoSecret(logged);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("validates the settings against the channel", async () => {
    const owner = await api.register();
    const missing = await create(owner.token, {
      channel: "whatsapp",
      name: "x",
      config: { phoneNumberId: "123", accessToken: "a-long-enough-token" },
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain("config.appSecret");
    const wrongShape = await create(owner.token, { channel: "whatsapp", name: "x", config: telegram.config });
    expect(wrongShape.status).toBe(400);
    const badKey = await create(owner.token, {
      ...bodies().discord,
      config: { ...discord.config, publicKey: "zz" },
    });
    expect(badKey.status).toBe(400);
    const badTelegram = await create(owner.token, {
      ...bodies().telegram,
      config: { botToken: "not-a-bot-token", secretToken: "short" },
    });
    expect(badTelegram.status).toBe(400);
    expect(JSON.stringify(badTelegram.body)).toContain("config.botToken");
    const unknown = await create(owner.token, { channel: "fax", name: "x", config: {} });
    expect(unknown.status).toBe(400);
  });

  it("refuses a WhatsApp number already connected (in any organization)", async () => {
    const phoneNumberId = freshPhoneNumberId();
    const first = await api.register();
    expect((await create(first.token, bodies(phoneNumberId).whatsapp)).status).toBe(200);
    const second = await api.register();
    expect((await create(second.token, bodies(phoneNumberId).whatsapp)).status).toBe(409);
  });

  it("PATCH renames, switches off and replaces only the settings given", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().telegram);
    const renamed = await api.rest<IntegrationBody>("PATCH", `/integrations/${created.body.id}`, {
      token: owner.token,
      body: { name: "Telegram novo", isActive: false },
    });
    expect(renamed.body).toMatchObject({ name: "Telegram novo", isActive: false });

    const wrongToken = "123:AAwrongwrongwrongwrongwrongwrong";
    const patched = await api.rest<IntegrationBody>("PATCH", `/integrations/${created.body.id}`, {
      token: owner.token,
      body: { config: { botToken: wrongToken } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.config.secretToken).toBe(`••••${telegram.config.secretToken.slice(-4)}`);
    const test = await api.rest<{ ok: boolean }>("POST", `/integrations/${created.body.id}/test`, {
      token: owner.token,
      body: {},
    });
    expect(test.body.ok).toBe(false);

    const foreignField = await api.rest("PATCH", `/integrations/${created.body.id}`, {
      token: owner.token,
      body: { config: { signingSecret: "abcdefabcdefabcdef" } },
    });
    expect(foreignField.status).toBe(400);
    const unknownField = await api.rest("PATCH", `/integrations/${created.body.id}`, {
      token: owner.token,
      body: { config: { nope: "x" } },
    });
    expect(unknownField.status).toBe(400);
  });

  it("DELETE disconnects it", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().slack);
    expect(
      (await api.rest("DELETE", `/integrations/${created.body.id}`, { token: owner.token })).status,
    ).toBe(200);
    expect((await api.rest("GET", `/integrations/${created.body.id}`, { token: owner.token })).status).toBe(
      404,
    );
    expect(
      (await api.rest("DELETE", `/integrations/${created.body.id}`, { token: owner.token })).status,
    ).toBe(404);
  });
});

describe("testing an integration", () => {
  it.each(["whatsapp", "telegram", "slack", "discord"] as const)(
    "%s: asks the provider who the credentials belong to and keeps the outcome",
    async (channel) => {
      const owner = await api.register();
      // the fake knows only its own phone number id; no other test connects it
      const created = await create(owner.token, bodies()[channel]);
      const ok = await api.rest<{ ok: boolean; identity: string; error: null; integration: IntegrationBody }>(
        "POST",
        `/integrations/${created.body.id}/test`,
        { token: owner.token, body: {} },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ ok: true, error: null, integration: { lastTestError: null } });
      expect(ok.body.identity.length).toBeGreaterThan(0);
      expect(ok.body.integration.lastTestedAt).not.toBeNull();
    },
  );

  it("reports and stores the provider's refusal", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().slack);
    slack.failNext(401);
    const refused = await api.rest<{ ok: boolean; error: string }>(
      "POST",
      `/integrations/${created.body.id}/test`,
      {
        token: owner.token,
        body: {},
      },
    );
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ ok: false, error: "Slack: invalid_auth" });
    const stored = await api.rest<IntegrationBody>("GET", `/integrations/${created.body.id}`, {
      token: owner.token,
    });
    expect(stored.body.lastTestError).toBe("Slack: invalid_auth");
    expect(
      (await api.rest("POST", `/integrations/${created.body.id}/test`, { token: owner.token, body: {} }))
        .body,
    ).toMatchObject({
      ok: true,
    });
  });
});

describe("access", () => {
  it("agents and viewers cannot see or change integrations (403)", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().telegram);
    for (const role of ["agent", "viewer"] as const) {
      const member = await api.member(owner.token, role);
      expect((await api.rest("GET", "/integrations", { token: member.token })).status).toBe(403);
      expect(
        (await api.rest("GET", `/integrations/${created.body.id}`, { token: member.token })).status,
      ).toBe(403);
      expect((await create(member.token, bodies().telegram)).status).toBe(403);
      expect(
        (await api.rest("POST", `/integrations/${created.body.id}/test`, { token: member.token, body: {} }))
          .status,
      ).toBe(403);
    }
    const admin = await api.member(owner.token, "admin");
    expect((await api.rest("GET", `/integrations/${created.body.id}`, { token: admin.token })).status).toBe(
      200,
    );
  });

  it("another organization's integration answers 404 everywhere", async () => {
    await expectTenantIsolation(api, async (token) => (await create(token, bodies().telegram)).body.id, [
      { name: "get", call: (token, id) => api.rest("GET", `/integrations/${id}`, { token }) },
      {
        name: "update",
        call: (token, id) => api.rest("PATCH", `/integrations/${id}`, { token, body: { name: "mine" } }),
      },
      {
        name: "test",
        call: (token, id) => api.rest("POST", `/integrations/${id}/test`, { token, body: {} }),
      },
      {
        name: "webhook logs",
        call: (token, id) => api.rest("GET", `/integrations/${id}/webhook-logs`, { token }),
      },
      {
        name: "retry",
        call: async (token, id) =>
          api.rest("POST", `/integrations/${id}/webhook-logs/${await receivedLogId(id)}/retry`, {
            token,
            body: {},
          }),
      },
      { name: "delete", call: (token, id) => api.rest("DELETE", `/integrations/${id}`, { token }) },
    ]);
  });
});

describe("webhook logs", () => {
  it("lists what an integration received, filtered by status, and retries one", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().telegram);
    const first = await receivedLogId(created.body.id);
    const second = await receivedLogId(created.body.id);
    const page = await api.rest<{
      items: Array<{ id: string; payload: unknown }>;
      nextCursor: string | null;
    }>("GET", `/integrations/${created.body.id}/webhook-logs?limit=1`, { token: owner.token });
    expect(page.status).toBe(200);
    expect(page.body.items.map((i) => i.id)).toEqual([second]);
    const next = await api.rest<{ items: Array<{ id: string }> }>(
      "GET",
      `/integrations/${created.body.id}/webhook-logs?limit=1&cursor=${page.body.nextCursor}`,
      { token: owner.token },
    );
    expect(next.body.items.map((i) => i.id)).toEqual([first]);

    const enqueue = vi.spyOn(api.container.queue, "enqueue");
    try {
      const retried = await api.rest<{ id: string; status: string }>(
        "POST",
        `/integrations/${created.body.id}/webhook-logs/${first}/retry`,
        { token: owner.token, body: {} },
      );
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: first, status: "retrying" });
      expect(enqueue).toHaveBeenCalledWith(
        "webhook-process",
        { webhookLogId: first },
        expect.objectContaining({ jobId: expect.stringMatching(new RegExp(`^${first}-retry-\\d+$`)) }),
      );
    } finally {
      enqueue.mockRestore();
    }
    const failed = await api.rest<{ items: unknown[] }>(
      "GET",
      `/integrations/${created.body.id}/webhook-logs?status=failed`,
      { token: owner.token },
    );
    expect(failed.status).toBe(200);
    const otherIntegration = await create(owner.token, bodies().slack);
    expect(
      (
        await api.rest("POST", `/integrations/${otherIntegration.body.id}/webhook-logs/${first}/retry`, {
          token: owner.token,
          body: {},
        })
      ).status,
    ).toBe(404);
  });

  it("shows payloads without the tokens they carry", async () => {
    const owner = await api.register();
    const created = await create(owner.token, bodies().slack);
    const event = slackMessageEvent({ channel: "C1", user: "U1", text: "oi" });
    const res = await postWebhook(
      `${api.baseUrl}/webhooks/slack/${created.body.id}`,
      slack.signedWebhook(event),
    );
    expect(res.status).toBe(200);
    const logs = await api.rest<{ items: Array<{ payload: { token: string; type: string } }> }>(
      "GET",
      `/integrations/${created.body.id}/webhook-logs`,
      { token: owner.token },
    );
    expect(logs.body.items[0]?.payload).toMatchObject({ type: "event_callback", token: "[redacted]" });
  });
});
