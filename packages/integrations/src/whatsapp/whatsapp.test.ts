import type { ChannelAdapter, WebhookRequest } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelAdapters, defaultChannelApiBases } from "../adapters";
import {
  type FakeWhatsApp,
  fakeWamid,
  signedWhatsAppWebhook,
  startFakeWhatsApp,
  whatsAppStatusWebhook,
  whatsAppTextWebhook,
} from "../testing";
import { splitWhatsAppWebhook } from "./routing";

let fake: FakeWhatsApp;
let adapter: ChannelAdapter<"whatsapp">;

beforeAll(async () => {
  fake = await startFakeWhatsApp();
  adapter = createChannelAdapters({ ...defaultChannelApiBases, whatsapp: fake.apiBase }).get("whatsapp");
});
afterAll(() => fake.close());

const request = (body: string, headers: Record<string, string>): WebhookRequest => ({
  rawBody: new TextEncoder().encode(body),
  headers,
  now: Math.floor(Date.now() / 1000),
});

describe("WhatsApp webhook signature", () => {
  const payload = whatsAppTextWebhook({ phoneNumberId: "123", from: "5511987654321", text: "Oi" });

  it("accepts X-Hub-Signature-256 computed with the app secret over the raw body", () => {
    const signed = signedWhatsAppWebhook(payload, fake.config.appSecret);
    expect(adapter.verify(request(signed.body, signed.headers), fake.config)).toBe(true);
  });

  it("rejects another secret, a changed body and a missing header", () => {
    const signed = signedWhatsAppWebhook(payload, "another-secret");
    expect(adapter.verify(request(signed.body, signed.headers), fake.config)).toBe(false);
    const good = signedWhatsAppWebhook(payload, fake.config.appSecret);
    expect(adapter.verify(request(`${good.body} `, good.headers), fake.config)).toBe(false);
    expect(adapter.verify(request(good.body, {}), fake.config)).toBe(false);
    expect(adapter.verify(request(good.body, { "x-hub-signature-256": "sha256=00" }), fake.config)).toBe(
      false,
    );
  });
});

describe("parsing a WhatsApp webhook", () => {
  it("returns every message and status of every entry and change, with names and Brazilian numbers completed", () => {
    const first = whatsAppTextWebhook({ phoneNumberId: "1", from: "551187654321", text: "Olá", name: "Ana" });
    const second = whatsAppTextWebhook({
      phoneNumberId: "1",
      from: "5521998765432",
      text: "Bom dia",
      replyTo: "wamid.X",
    });
    const status = whatsAppStatusWebhook({
      phoneNumberId: "1",
      messageId: "wamid.OUT",
      recipient: "5511987654321",
      status: "failed",
      error: { code: 131047, title: "Re-engagement message", details: "More than 24 hours have passed" },
    });
    const entries = [first, second, status].flatMap((p) => (p as { entry: unknown[] }).entry);
    const [entry] = entries as Array<{ changes: Array<{ value: { messages: unknown[] } }> }>;
    entry?.changes[0]?.value.messages.push({
      from: "551187654321",
      id: "wamid.IMG",
      timestamp: "1700000000",
      type: "image",
      image: { id: "media-1", mime_type: "image/jpeg", caption: "foto" },
    });
    entry?.changes[0]?.value.messages.push({
      from: "551187654321",
      id: "wamid.R",
      timestamp: "1",
      type: "reaction",
    });

    const parsed = adapter.parse({ object: "whatsapp_business_account", entry: entries });

    expect(parsed.messages.map((m) => m.text)).toEqual(["Olá", "foto", "Bom dia"]);
    expect(parsed.messages[0]?.sender).toEqual({
      channelUserId: "551187654321",
      name: "Ana",
      phone: "+5511987654321",
    });
    expect(parsed.messages[0]?.threadId).toBe("551187654321");
    expect(parsed.messages[1]).toMatchObject({
      channelMessageId: "wamid.IMG",
      contentType: "image",
      media: { providerMediaId: "media-1", mimeType: "image/jpeg" },
      sentAt: new Date(1_700_000_000_000),
    });
    expect(parsed.messages[2]?.replyToChannelMessageId).toBe("wamid.X");
    expect(parsed.statuses).toEqual([
      {
        channelMessageId: "wamid.OUT",
        status: "failed",
        at: expect.any(Date),
        error: "Re-engagement message (131047): More than 24 hours have passed",
      },
    ]);
  });

  it("puts a shared contact card and a catalog order into words instead of storing them empty", () => {
    const payload = whatsAppTextWebhook({ phoneNumberId: "1", from: "5511987654321", text: "x" });
    const [entry] = (payload as { entry: Array<{ changes: Array<{ value: { messages: unknown[] } }> }> })
      .entry;
    const messages = entry?.changes[0]?.value.messages ?? [];
    messages.splice(0, messages.length, {
      from: "5511987654321",
      id: "wamid.CARD",
      timestamp: "1700000000",
      type: "contacts",
      contacts: [
        {
          name: { formatted_name: "Oficina do Zé", first_name: "Zé" },
          phones: [{ phone: "+55 11 3333-4444", type: "WORK" }],
          emails: [{ email: "ze@oficina.com.br" }],
        },
      ],
    });
    messages.push({
      from: "5511987654321",
      id: "wamid.ORDER",
      timestamp: "1700000001",
      type: "order",
      order: {
        catalog_id: "c1",
        text: "Entregar à tarde",
        product_items: [
          { product_retailer_id: "BOLO-CHOC", quantity: 2, item_price: 45, currency: "BRL" },
          { product_retailer_id: "VELA-NUM", quantity: 1, item_price: 5, currency: "BRL" },
        ],
      },
    });

    const parsed = adapter.parse(payload);

    expect(parsed.messages.map(({ contentType, text }) => ({ contentType, text }))).toEqual([
      { contentType: "text", text: "Oficina do Zé · +55 11 3333-4444 · ze@oficina.com.br" },
      { contentType: "text", text: "Entregar à tarde\n2 × BOLO-CHOC\n1 × VELA-NUM" },
    ]);
  });

  it("ignores payloads that are not WhatsApp webhooks", () => {
    expect(adapter.parse({ hello: "world" })).toEqual({ messages: [], statuses: [] });
    expect(adapter.parse(null)).toEqual({ messages: [], statuses: [] });
  });

  it("splits a batch by phone number id and leaves a single-number batch as it is", () => {
    const single = whatsAppTextWebhook({ phoneNumberId: "1", from: "5511987654321", text: "a" });
    expect(splitWhatsAppWebhook(single).get("1")).toBe(single);
    const other = whatsAppTextWebhook({ phoneNumberId: "2", from: "5511987654321", text: "b" });
    const batch = {
      object: "whatsapp_business_account",
      entry: [single, other].flatMap((p) => (p as { entry: unknown[] }).entry),
    };
    const parts = splitWhatsAppWebhook(batch);
    expect([...parts.keys()]).toEqual(["1", "2"]);
    expect(adapter.parse(parts.get("2")).messages.map((m) => m.text)).toEqual(["b"]);
  });
});

describe("WhatsApp Cloud API calls", () => {
  it("sends a text message and returns the wamid", async () => {
    const result = await adapter.send(fake.config, {
      threadId: "5511987654321",
      text: "Olá!",
      replyToChannelMessageId: "wamid.IN",
    });
    expect(result).toEqual({ ok: true, channelMessageId: expect.stringMatching(/^wamid\./) });
    expect(fake.sent.at(-1)).toMatchObject({ to: "5511987654321", text: "Olá!", replyTo: "wamid.IN" });
    const sentRequest = fake.requests.at(-1);
    expect(sentRequest?.path).toBe(`/v21.0/${fake.config.phoneNumberId}/messages`);
    expect(sentRequest?.headers.authorization).toBe(`Bearer ${fake.config.accessToken}`);
  });

  it("maps the provider's errors: expired token is final, rate limits and 5xx are retryable", async () => {
    const message = { threadId: "5511987654321", text: "x" };
    fake.failNext(401);
    expect(await adapter.send(fake.config, message)).toEqual({
      ok: false,
      error: "WhatsApp: Error validating access token: Session has expired. (code 190)",
      retryable: false,
    });
    fake.failNext(429);
    expect(await adapter.send(fake.config, message)).toMatchObject({ ok: false, retryable: true });
    fake.failNext(500);
    expect(await adapter.send(fake.config, message)).toMatchObject({ ok: false, retryable: true });
  });

  it("reports an unreachable provider as retryable, without throwing", async () => {
    const offline = createChannelAdapters({
      ...defaultChannelApiBases,
      whatsapp: "http://127.0.0.1:9/v21.0",
    }).get("whatsapp");
    expect(await offline.send(fake.config, { threadId: "1", text: "x" })).toMatchObject({
      ok: false,
      retryable: true,
    });
  });

  it("tells who the credentials belong to, or the provider's refusal", async () => {
    expect(await adapter.whoAmI(fake.config)).toEqual({
      ok: true,
      identity: `${fake.verifiedName} (${fake.displayPhoneNumber})`,
    });
    expect(await adapter.whoAmI({ ...fake.config, accessToken: "EAAGwrong" })).toEqual({
      ok: false,
      error: expect.stringContaining("Invalid OAuth access token"),
      retryable: false,
    });
  });

  it("reads a phone number only with a token that can use it, in Graph's error format otherwise", async () => {
    const other = fake.addPhoneNumber({ accessToken: `EAAG${"b".repeat(40)}` });
    expect(await adapter.whoAmI(other)).toMatchObject({ ok: true });
    expect(await adapter.whoAmI({ ...fake.config, phoneNumberId: other.phoneNumberId })).toEqual({
      ok: false,
      error: expect.stringMatching(/Object with ID '\d+' does not exist.*\(code 100\)$/),
      retryable: false,
    });
    const refusal = fake.requests.at(-1);
    expect(refusal?.path).toBe(`/v21.0/${other.phoneNumberId}`);
    expect(await adapter.send(other, { threadId: "5511987654321", text: "oi" })).toMatchObject({ ok: true });
    expect(fake.sent.at(-1)?.phoneNumberId).toBe(other.phoneNumberId);
  });

  it("tells an identity question that got no answer apart from a refusal", async () => {
    const offline = createChannelAdapters({
      ...defaultChannelApiBases,
      whatsapp: "http://127.0.0.1:9/v21.0",
    }).get("whatsapp");
    expect(await offline.whoAmI(fake.config)).toMatchObject({ ok: false, retryable: true });
    fake.failNext(500);
    expect(await adapter.whoAmI(fake.config)).toMatchObject({ ok: false, retryable: true });
  });

  it("downloads media through the media id's URL", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const id = fake.addMedia(bytes, "image/png");
    expect(await adapter.downloadMedia(fake.config, { providerMediaId: id })).toEqual({
      ok: true,
      bytes,
      mimeType: "image/png",
    });
    expect(await adapter.downloadMedia(fake.config, { providerMediaId: fakeWamid() })).toMatchObject({
      ok: false,
    });
  });
});
