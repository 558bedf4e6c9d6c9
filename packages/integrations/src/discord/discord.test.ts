import type { ChannelAdapter, WebhookRequest } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelAdapters, defaultChannelApiBases } from "../adapters";
import {
  discordCommandInteraction,
  discordMessage,
  discordPing,
  type FakeDiscord,
  fakeDiscordKeyPair,
  signedDiscordWebhook,
  startFakeDiscord,
} from "../testing";
import { fetchDiscordGatewayUrl } from "./gateway-url";

let fake: FakeDiscord;
let adapter: ChannelAdapter<"discord">;

beforeAll(async () => {
  fake = await startFakeDiscord();
  adapter = createChannelAdapters({ ...defaultChannelApiBases, discord: fake.apiBase }).get("discord");
});
afterAll(() => fake.close());

const request = (webhook: { body: string; headers: Record<string, string> }): WebhookRequest => ({
  rawBody: new TextEncoder().encode(webhook.body),
  headers: webhook.headers,
  now: Math.floor(Date.now() / 1000),
});

describe("Discord interaction signature", () => {
  it("accepts Ed25519 over timestamp + body with the application's public key", () => {
    expect(
      adapter.verify(request(fake.signedWebhook(discordPing(fake.config.applicationId))), fake.config),
    ).toBe(true);
  });

  it("rejects another key, a changed body or timestamp, and malformed headers", () => {
    const ping = discordPing(fake.config.applicationId);
    const other = fakeDiscordKeyPair();
    expect(adapter.verify(request(signedDiscordWebhook(ping, other.privateKey)), fake.config)).toBe(false);
    const signed = fake.signedWebhook(ping);
    expect(adapter.verify(request({ ...signed, body: `${signed.body} ` }), fake.config)).toBe(false);
    const moved = { ...signed.headers, "x-signature-timestamp": "1" };
    expect(adapter.verify(request({ body: signed.body, headers: moved }), fake.config)).toBe(false);
    expect(
      adapter.verify(
        request({ body: signed.body, headers: { ...signed.headers, "x-signature-ed25519": "zz" } }),
        fake.config,
      ),
    ).toBe(false);
    expect(adapter.verify(request({ body: signed.body, headers: {} }), fake.config)).toBe(false);
    expect(adapter.verify(request(signed), { ...fake.config, publicKey: "not-hex" })).toBe(false);
  });
});

describe("Discord interactions and gateway payloads", () => {
  it("answers PING with PONG and acknowledges commands ephemerally", () => {
    expect(adapter.handshake?.(discordPing("1"))).toEqual({ body: { type: 1 } });
    const command = discordCommandInteraction({ applicationId: "1", channelId: "2", name: "ajuda" });
    expect(adapter.handshake?.(command)).toBeUndefined();
    expect(adapter.acknowledge?.(command)).toMatchObject({ body: { type: 4, data: { flags: 64 } } });
  });

  it("turns a slash command into a message with its options", () => {
    const command = discordCommandInteraction({
      applicationId: "1",
      channelId: "222",
      name: "pedido",
      options: [{ name: "numero", type: 3, value: "123" }],
      user: { id: "333", username: "ana", global_name: "Ana" },
    });
    expect(adapter.parse(command).messages).toEqual([
      {
        channelMessageId: command.id,
        threadId: "222",
        sender: { channelUserId: "333", name: "Ana", username: "ana" },
        sentAt: expect.any(Date),
        contentType: "text",
        text: "/pedido numero 123",
      },
    ]);
    expect(adapter.eventId?.(command, fake.config)).toBe(command.id);
  });

  it("parses a MESSAGE_CREATE dispatch, skipping bots", () => {
    const attachment = fake.addAttachment(new Uint8Array([1]), "image/png", "a.png");
    const message = discordMessage({
      channelId: "10",
      content: "oi",
      attachments: [attachment],
      replyTo: "9",
    });
    const parsed = adapter.parse({ op: 0, t: "MESSAGE_CREATE", s: 3, d: message }, "gateway");
    expect(parsed.messages[0]).toMatchObject({
      channelMessageId: message.id,
      threadId: "10",
      text: "oi",
      contentType: "image",
      media: { providerMediaId: attachment.url, mimeType: "image/png" },
      replyToChannelMessageId: "9",
    });
    expect(adapter.eventId?.({ op: 0, t: "MESSAGE_CREATE", s: 3, d: message }, fake.config)).toBe(message.id);
    const fromBot = discordMessage({
      channelId: "10",
      content: "eco",
      author: { id: "1", username: "bot", bot: true },
    });
    expect(adapter.parse({ op: 0, t: "MESSAGE_CREATE", s: 4, d: fromBot }, "gateway").messages).toEqual([]);
  });

  it("believes a MESSAGE_CREATE only from the Gateway, never from the interactions webhook", () => {
    const dispatch = {
      op: 0,
      t: "MESSAGE_CREATE",
      s: 5,
      d: discordMessage({ channelId: "10", content: "forjada" }),
    };
    expect(adapter.parse(dispatch, "webhook").messages).toEqual([]);
    expect(adapter.parse(dispatch).messages).toEqual([]);
    expect(adapter.parse(dispatch, "gateway").messages).toHaveLength(1);
  });
});

describe("Discord HTTP API calls", () => {
  it("sends to the channel, as a reply when asked", async () => {
    const result = await adapter.send(fake.config, {
      threadId: "555",
      text: "Olá",
      replyToChannelMessageId: "444",
    });
    expect(result).toEqual({ ok: true, channelMessageId: expect.stringMatching(/^\d+$/) });
    expect(fake.sent.at(-1)).toMatchObject({ channelId: "555", content: "Olá", replyTo: "444" });
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bot ${fake.config.botToken}`);
  });

  it("maps errors: 401 final, 429 and 500 retryable", async () => {
    fake.failNext(401);
    expect(await adapter.send(fake.config, { threadId: "555", text: "x" })).toEqual({
      ok: false,
      error: "Discord: 401: Unauthorized",
      retryable: false,
    });
    fake.failNext(429);
    expect(await adapter.send(fake.config, { threadId: "555", text: "x" })).toMatchObject({
      retryable: true,
    });
    fake.failNext(500);
    expect(await adapter.send(fake.config, { threadId: "555", text: "x" })).toMatchObject({
      retryable: true,
    });
  });

  it("GET /users/@me names the bot", async () => {
    expect(await adapter.whoAmI(fake.config)).toEqual({ ok: true, identity: fake.botUser.username });
    expect(await adapter.whoAmI({ ...fake.config, botToken: "wrong-token" })).toEqual({
      ok: false,
      error: "Discord: 401: Unauthorized",
    });
  });

  it("downloads attachments and finds the gateway URL", async () => {
    const bytes = new Uint8Array([4, 2]);
    const attachment = fake.addAttachment(bytes, "text/plain", "a.txt");
    expect(await adapter.downloadMedia(fake.config, { providerMediaId: attachment.url })).toEqual({
      ok: true,
      bytes,
      mimeType: "text/plain",
    });
    expect(await fetchDiscordGatewayUrl(fake.apiBase, fake.config.botToken)).toEqual({
      ok: true,
      url: fake.gatewayUrl,
    });
  });
});
