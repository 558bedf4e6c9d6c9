import type { ChannelAdapter, WebhookRequest } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelAdapters, defaultChannelApiBases } from "../adapters";
import {
  type FakeSlack,
  signedSlackWebhook,
  slackMessageEvent,
  slackUrlVerification,
  startFakeSlack,
} from "../testing";

let fake: FakeSlack;
let adapter: ChannelAdapter<"slack">;

beforeAll(async () => {
  fake = await startFakeSlack();
  adapter = createChannelAdapters({ ...defaultChannelApiBases, slack: fake.apiBase }).get("slack");
});
afterAll(() => fake.close());

const now = 1_700_000_000;
const request = (webhook: { body: string; headers: Record<string, string> }, at = now): WebhookRequest => ({
  rawBody: new TextEncoder().encode(webhook.body),
  headers: webhook.headers,
  now: at,
});

describe("Slack request signature", () => {
  const event = slackMessageEvent({ channel: "C1", user: "U1", text: "oi" });

  it("accepts a v0 signature within five minutes of its timestamp", () => {
    const signed = signedSlackWebhook(event, fake.config.signingSecret, now - 299);
    expect(adapter.verify(request(signed), fake.config)).toBe(true);
  });

  it("rejects an old (replayed) or future timestamp even with a valid signature", () => {
    expect(
      adapter.verify(request(signedSlackWebhook(event, fake.config.signingSecret, now - 301)), fake.config),
    ).toBe(false);
    expect(
      adapter.verify(request(signedSlackWebhook(event, fake.config.signingSecret, now + 301)), fake.config),
    ).toBe(false);
  });

  it("rejects another secret, a changed body, a changed timestamp and missing headers", () => {
    expect(adapter.verify(request(signedSlackWebhook(event, "other-secret", now)), fake.config)).toBe(false);
    const signed = signedSlackWebhook(event, fake.config.signingSecret, now);
    expect(adapter.verify(request({ ...signed, body: `${signed.body} ` }), fake.config)).toBe(false);
    const moved = { ...signed.headers, "x-slack-request-timestamp": String(now - 1) };
    expect(adapter.verify(request({ body: signed.body, headers: moved }), fake.config)).toBe(false);
    expect(adapter.verify(request({ body: signed.body, headers: {} }), fake.config)).toBe(false);
  });
});

describe("Slack events", () => {
  it("answers url_verification with its challenge", () => {
    expect(adapter.handshake?.(slackUrlVerification("abc"))).toEqual({ body: { challenge: "abc" } });
    expect(adapter.handshake?.(slackMessageEvent({ channel: "C1", user: "U1", text: "x" }))).toBeUndefined();
  });

  it("uses event_id as the event id", () => {
    expect(
      adapter.eventId?.(
        slackMessageEvent({ channel: "C1", user: "U1", text: "x", eventId: "Ev1" }),
        fake.config,
      ),
    ).toBe("Ev1");
  });

  it("parses a person's message, its thread and its file", () => {
    const file = fake.addFile(new Uint8Array([1]), "image/png", "a.png");
    const parsed = adapter.parse(
      slackMessageEvent({
        channel: "C1",
        user: "U1",
        text: "veja",
        ts: "1700000000.000100",
        threadTs: "1699999999.000001",
        files: [file],
      }),
    );
    expect(parsed.messages).toEqual([
      {
        channelMessageId: "C1:1700000000.000100",
        threadId: "C1",
        sender: { channelUserId: "U1" },
        sentAt: new Date(1_700_000_000_000),
        contentType: "image",
        text: "veja",
        media: {
          providerMediaId: file.url_private_download,
          mimeType: "image/png",
          fileName: "a.png",
          sizeBytes: 1,
        },
        replyToChannelMessageId: "C1:1699999999.000001",
      },
    ]);
  });

  it("ignores bot messages, edits, deletions and other events", () => {
    expect(
      adapter.parse(slackMessageEvent({ channel: "C1", user: "U1", text: "x", botId: "B1" })).messages,
    ).toEqual([]);
    expect(
      adapter.parse(slackMessageEvent({ channel: "C1", user: "U1", text: "x", subtype: "message_changed" }))
        .messages,
    ).toEqual([]);
    expect(
      adapter.parse(slackMessageEvent({ channel: "C1", user: "U1", text: "x", subtype: "channel_join" }))
        .messages,
    ).toEqual([]);
    expect(adapter.parse({ type: "event_callback", event: { type: "reaction_added" } }).messages).toEqual([]);
  });
});

describe("Slack Web API calls", () => {
  it("posts a message, in its thread when replying", async () => {
    const result = await adapter.send(fake.config, {
      threadId: "C1",
      text: "Olá",
      replyToChannelMessageId: "C1:1700000000.000100",
    });
    expect(result).toEqual({ ok: true, channelMessageId: expect.stringMatching(/^C1:\d+\.\d{6}$/) });
    expect(fake.sent.at(-1)).toMatchObject({ channel: "C1", text: "Olá", threadTs: "1700000000.000100" });
  });

  it("reads Slack's ok:false errors; rate limits and 5xx are retryable", async () => {
    fake.failNext(401);
    expect(await adapter.send(fake.config, { threadId: "C1", text: "x" })).toEqual({
      ok: false,
      error: "Slack: invalid_auth",
      retryable: false,
    });
    fake.failNext(429);
    expect(await adapter.send(fake.config, { threadId: "C1", text: "x" })).toEqual({
      ok: false,
      error: "Slack: ratelimited",
      retryable: true,
    });
    fake.failNext(500);
    expect(await adapter.send(fake.config, { threadId: "C1", text: "x" })).toMatchObject({ retryable: true });
    expect(await adapter.send(fake.config, { threadId: "", text: "x" })).toMatchObject({
      error: "Slack: channel_not_found",
    });
  });

  it("auth.test tells the bot and workspace", async () => {
    expect(await adapter.whoAmI(fake.config)).toEqual({ ok: true, identity: "crm-bot @ Fake Team" });
    expect(await adapter.whoAmI({ ...fake.config, botToken: "xoxb-wrong" })).toEqual({
      ok: false,
      error: "Slack: invalid_auth",
    });
  });

  it("downloads a private file with the token, and sends the token to no other host", async () => {
    const bytes = new Uint8Array([5, 6]);
    const file = fake.addFile(bytes, "application/pdf", "doc.pdf");
    expect(
      await adapter.downloadMedia(fake.config, {
        providerMediaId: file.url_private,
        mimeType: "application/pdf",
      }),
    ).toEqual({
      ok: true,
      bytes,
      mimeType: "application/pdf",
    });
    expect(
      await adapter.downloadMedia(
        { ...fake.config, botToken: "xoxb-wrong" },
        { providerMediaId: file.url_private },
      ),
    ).toMatchObject({ ok: false });
    const before = fake.requests.length;
    expect(
      await adapter.downloadMedia(fake.config, { providerMediaId: "https://evil.example/steal" }),
    ).toMatchObject({ ok: false, retryable: false });
    expect(fake.requests.length).toBe(before);
  });
});
