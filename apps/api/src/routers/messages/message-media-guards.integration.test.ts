import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { recordWebhookEvent, scopedEventId } from "@crm/domain";
import {
  discordMessage,
  type FakeDiscord,
  type FakeWhatsApp,
  fakeWamid,
  postWebhook,
  startFakeDiscord,
  startFakeWhatsApp,
} from "@crm/integrations/testing";
import { whatsAppImageWebhook } from "@crm/worker/jobs/conversations/ingestion-test-kit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";

/*
 * The review's attack, replayed over HTTP: anyone can sign up, connect a Discord integration with a key pair
 * of their own and sign bodies to its interactions webhook. Media must come only from the provider's hosts,
 * and no file larger than MEDIA_MAX_BYTES is held.
 */

const mediaMaxBytes = 64 * 1024;

let api: TestApi;
let discord: FakeDiscord;
let whatsapp: FakeWhatsApp;
let owner: { token: string };
let discordId: string;
/** Stands for an address inside the network (the API's own /ready, a metadata service): counts its hits. */
let internal: { url: string; hits: string[]; server: Server };

const db = () => api.container.db.db;
const eventually = <T>(assertion: () => Promise<T>) =>
  vi.waitFor(assertion, { timeout: 10_000, interval: 50 });

const messageRow = (channelMessageId: string) =>
  db()
    .selectFrom("messages")
    .select(["id", "content", "media_status", "media_url", "metadata"])
    .where("channel_message_id", "=", channelMessageId)
    .executeTakeFirst();

/** What the worker's Gateway connection does with a MESSAGE_CREATE: a log of source 'gateway' and a job. */
async function arriveThroughGateway(message: Record<string, unknown>) {
  const organizationId = (
    await db()
      .selectFrom("integrations")
      .select("organization_id")
      .where("id", "=", discordId)
      .executeTakeFirstOrThrow()
  ).organization_id;
  await recordWebhookEvent(
    { store: api.container.integrations.store, queue: api.container.queue, logger: api.container.logger },
    {
      organizationId,
      integrationId: discordId,
      channel: "discord",
      source: "gateway",
      eventId: scopedEventId(discordId, String(message.id)),
      payload: { op: 0, t: "MESSAGE_CREATE", s: 1, d: message },
      rawBody: null,
      status: "pending",
      errorMessage: null,
    },
  );
}

beforeAll(async () => {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? "");
    response.end("internal answer");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  internal = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
  [discord, whatsapp] = await Promise.all([startFakeDiscord(), startFakeWhatsApp()]);
  api = await startTestApi({
    DISCORD_API_BASE: discord.apiBase,
    WHATSAPP_API_BASE: whatsapp.apiBase,
    MEDIA_MAX_BYTES: String(mediaMaxBytes),
  });
  owner = await api.register();
  for (const [channel, config] of [
    ["discord", discord.config],
    ["whatsapp", whatsapp.config],
  ] as const) {
    const res = await api.rest<{ id: string }>("POST", "/integrations", {
      token: owner.token,
      body: { channel, name: channel, config },
    });
    expect(res.status).toBe(201);
    if (channel === "discord") discordId = res.body.id;
  }
});

afterAll(async () => {
  await api?.close();
  await Promise.all([discord?.close(), whatsapp?.close()]);
  internal?.server.close();
});

describe("Discord attachments", () => {
  it("stores no message from a Gateway-shaped body signed to the interactions webhook, and fetches nothing", async () => {
    const forged = discordMessage({
      channelId: "10",
      content: "olha isso",
      attachments: [
        {
          id: "1",
          url: `${internal.url}/secret.txt`,
          proxy_url: `${internal.url}/secret.txt`,
          filename: "a.png",
          content_type: "image/png",
          size: 3,
        },
      ],
    });
    const body = { op: 0, t: "MESSAGE_CREATE", s: 1, d: forged };
    expect(
      (await postWebhook(`${api.baseUrl}/webhooks/discord/${discordId}`, discord.signedWebhook(body))).status,
    ).toBe(200);
    await eventually(async () => {
      const log = await db()
        .selectFrom("webhook_logs")
        .select(["status", "source"])
        .where("integration_id", "=", discordId)
        .where("event_id", "=", scopedEventId(discordId, String(forged.id)))
        .executeTakeFirst();
      expect(log).toEqual({ status: "success", source: "webhook" });
    });
    expect(await messageRow(String(forged.id))).toBeUndefined();
    expect(internal.hits).toEqual([]);
  });

  it("keeps a Gateway message whose attachment points inside the network, fails its media, never asks the URL", async () => {
    const message = discordMessage({
      channelId: "11",
      content: "segue o arquivo",
      attachments: [
        {
          id: "2",
          url: `${internal.url}/ready`,
          proxy_url: `${internal.url}/ready`,
          filename: "a.png",
          content_type: "image/png",
          size: 3,
        },
      ],
    });
    await arriveThroughGateway(message);
    const row = await eventually(async () => {
      const found = await messageRow(String(message.id));
      expect(found?.media_status).toBe("failed");
      return found;
    });
    expect(row).toMatchObject({
      content: "segue o arquivo",
      media_url: null,
      metadata: {
        mediaError: expect.stringMatching(/^Discord: media from 127\.0\.0\.1:\d+ is not allowed$/),
      },
    });
    expect(internal.hits).toEqual([]);
  });

  it("stores an attachment from the configured Discord CDN", async () => {
    const bytes = new Uint8Array([137, 80, 78, 71]);
    const attachment = discord.addAttachment(bytes, "image/png", "foto.png");
    const message = discordMessage({ channelId: "12", content: "foto", attachments: [attachment] });
    await arriveThroughGateway(message);
    const row = await eventually(async () => {
      const found = await messageRow(String(message.id));
      expect(found?.media_status).toBe("stored");
      return found;
    });
    const media = await fetch(`${api.baseUrl}/api/v1/messages/${row?.id}/media`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(bytes);
  });
});

describe("media size cap", () => {
  it("keeps a message whose file is over MEDIA_MAX_BYTES and fails its media as too large", async () => {
    const wamid = fakeWamid();
    const mediaId = whatsapp.addMedia(new Uint8Array(mediaMaxBytes + 1), "image/jpeg");
    const from = `5511${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
    const webhook = whatsapp.signedWebhook(
      whatsAppImageWebhook(whatsapp.config.phoneNumberId, { from, mediaId, caption: "grande", id: wamid }),
    );
    expect((await postWebhook(`${api.baseUrl}/webhooks/whatsapp`, webhook)).status).toBe(200);
    const row = await eventually(async () => {
      const found = await messageRow(wamid);
      expect(found?.media_status).toBe("failed");
      return found;
    });
    expect(row).toMatchObject({
      content: "grande",
      media_url: null,
      metadata: { mediaError: "WhatsApp: the file is too large (over the 64 KiB limit)" },
    });
  });

  it("stores a file of exactly MEDIA_MAX_BYTES", async () => {
    const wamid = fakeWamid();
    const mediaId = whatsapp.addMedia(new Uint8Array(mediaMaxBytes), "image/jpeg");
    const from = `5511${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
    const webhook = whatsapp.signedWebhook(
      whatsAppImageWebhook(whatsapp.config.phoneNumberId, { from, mediaId, id: wamid }),
    );
    expect((await postWebhook(`${api.baseUrl}/webhooks/whatsapp`, webhook)).status).toBe(200);
    await eventually(async () => expect((await messageRow(wamid))?.media_status).toBe("stored"));
  });
});
