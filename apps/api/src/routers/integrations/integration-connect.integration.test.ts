import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestApi } from "../../testing/harness";
import {
  type ChannelFakes,
  createIntegration,
  expectNoSecretOf,
  freshPhoneNumberId,
  type IntegrationBody,
  integrationBodies,
  integrationsPublicUrl,
  startIntegrationsTestApi,
} from "./integration-fixtures";

let api: TestApi;
let whatsapp: ChannelFakes["whatsapp"];
let telegram: ChannelFakes["telegram"];
let discord: ChannelFakes["discord"];
let fakes: ChannelFakes;
let close: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const started = await startIntegrationsTestApi();
  ({ api, close, whatsapp, telegram, discord } = started);
  fakes = started;
});
afterAll(() => close?.());

const bodies = (phoneNumberId?: string) => integrationBodies(fakes, phoneNumberId);
const expectNoSecret = (value: unknown) => expectNoSecretOf(fakes, value);
const create = (token: string, body: object) => createIntegration(api, token, body);

describe("connecting channels", () => {
  it("creates one integration per channel, answering masked settings and the webhook URL to paste", async () => {
    const owner = await api.register();
    const created = [];
    for (const body of Object.values(bodies(freshPhoneNumberId()))) {
      const res = await create(owner.token, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      created.push(res.body);
    }
    const [wa, tg, sl, dc] = created;
    expect(wa?.webhookUrl).toBe(`${integrationsPublicUrl}/webhooks/whatsapp`);
    expect(tg?.webhookUrl).toBe(`${integrationsPublicUrl}/webhooks/telegram/${tg?.id}`);
    expect(sl?.webhookUrl).toBe(`${integrationsPublicUrl}/webhooks/slack/${sl?.id}`);
    expect(dc?.webhookUrl).toBe(`${integrationsPublicUrl}/webhooks/discord/${dc?.id}`);
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
    expect((await create(first.token, bodies(phoneNumberId).whatsapp)).status).toBe(201);
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
