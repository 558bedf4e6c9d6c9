import type { Channel, ChannelAdapter, ChannelConfigs } from "@crm/domain";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createChannelAdapters, defaultChannelApiBases } from "../adapters";
import { discordNonce } from "../discord/adapter";
import {
  type FakeDiscord,
  type FakeProvider,
  startFakeDiscord,
  startFakeSlack,
  startFakeTelegram,
  startFakeWhatsApp,
} from "../testing";

/*
 * What a send tells when the provider gave no clear answer, on each provider's fake over HTTP: one the provider
 * may have taken (no answer after the request left, a proxy's 502) is not retryable, for the customer could
 * get it twice, unless the provider drops the repeat (Discord's nonce); one that cannot have left is.
 */

interface Provider<C extends Channel> {
  fake: FakeProvider & { apiBase: string; config: ChannelConfigs[C] };
  threadId: string;
  /** The texts the fake took: what reached the customer. */
  delivered(): string[];
}

const starts: { [C in Channel]: () => Promise<Provider<C>> } = {
  async whatsapp() {
    const fake = await startFakeWhatsApp();
    return { fake, threadId: "5511987654321", delivered: () => fake.sent.map((m) => m.text) };
  },
  async telegram() {
    const fake = await startFakeTelegram();
    return { fake, threadId: "424242", delivered: () => fake.sent.map((m) => m.text) };
  },
  async slack() {
    const fake = await startFakeSlack();
    return { fake, threadId: "C0123456789", delivered: () => fake.sent.map((m) => m.text) };
  },
  async discord() {
    const fake = await startFakeDiscord();
    return { fake, threadId: "555000111", delivered: () => fake.sent.map((m) => m.content) };
  },
};

const channels = Object.keys(starts) as Channel[];
const started: Array<{ close(): Promise<void> }> = [];

async function start<C extends Channel>(channel: C): Promise<Provider<C>> {
  const provider = await (starts[channel] as () => Promise<Provider<C>>)();
  started.push(provider.fake);
  return provider;
}

/** The adapter of `channel` on this fake; a request unanswered after `timeoutMs` gives up. */
function adapterOn<C extends Channel>(channel: C, apiBase: string, timeoutMs = 10_000): ChannelAdapter<C> {
  return createChannelAdapters({ ...defaultChannelApiBases, [channel]: apiBase }, { timeoutMs }).get(channel);
}

afterAll(async () => {
  await Promise.all(started.map((fake) => fake.close()));
});

describe.each(channels)("a %s send", (channel) => {
  let provider: Provider<typeof channel>;
  beforeAll(async () => {
    provider = await start(channel);
  });
  afterEach(() => provider.fake.recover());

  const send = (text: string, timeoutMs?: number) =>
    adapterOn(channel, provider.fake.apiBase, timeoutMs).send(provider.fake.config, {
      threadId: provider.threadId,
      text,
    });

  it("the provider took but never answered is not retryable: it may have reached the customer", async () => {
    provider.fake.hangNext();

    expect(await send("Seu pedido saiu", 2000)).toEqual({
      ok: false,
      error: expect.stringContaining("No answer from the provider"),
      retryable: false,
      outcomeUnknown: true,
    });
    expect(provider.delivered().filter((text) => text === "Seu pedido saiu")).toHaveLength(1);
  });

  it("whose connection was cut after the provider took it is not retryable, unlike one refused", async () => {
    provider.fake.cutNext();

    expect(await send("Nota fiscal emitida")).toEqual({
      ok: false,
      error: expect.stringContaining("No answer from the provider"),
      retryable: false,
      outcomeUnknown: true,
    });
    expect(provider.delivered().filter((text) => text === "Nota fiscal emitida")).toHaveLength(1);

    // a fake of its own, that no connection was kept open to: nothing can have left, so it is tried again
    const offline = await start(channel);
    await offline.fake.stopListening();
    const adapter = adapterOn(channel, offline.fake.apiBase);
    const message = { threadId: offline.threadId, text: "Segue o boleto" };
    expect(await adapter.send(offline.fake.config, message)).toEqual({
      ok: false,
      error: expect.stringContaining("ECONNREFUSED"),
      retryable: true,
    });
    await offline.fake.listenAgain();
    expect(await adapter.send(offline.fake.config, message)).toMatchObject({ ok: true });
    expect(offline.delivered()).toEqual(["Segue o boleto"]);
  });

  it("answered by a proxy's 502 may have reached the customer; the provider's own 500 did not", async () => {
    provider.fake.badGatewayNext();
    expect(await send("Chega amanhã")).toMatchObject({ ok: false, retryable: false, outcomeUnknown: true });

    provider.fake.failNext(500);
    const refused = await send("Pagamento confirmado");
    expect(refused).toMatchObject({ ok: false, retryable: true });
    expect(refused).not.toHaveProperty("outcomeUnknown");
  });
});

describe("a Discord send with an idempotency key", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = (await start("discord")).fake as FakeDiscord;
  });
  afterEach(() => fake.recover());

  it("carries a nonce Discord enforces, so a retry after no answer returns the first message", async () => {
    const message = {
      threadId: "555000222",
      text: "Seu acesso foi liberado",
      idempotencyKey: crypto.randomUUID(),
    };
    fake.hangNext();

    const unanswered = await adapterOn("discord", fake.apiBase, 2000).send(fake.config, message);
    expect(unanswered).toMatchObject({ ok: false, retryable: true, outcomeUnknown: true });

    const retried = await adapterOn("discord", fake.apiBase).send(fake.config, message);
    expect(retried).toEqual({ ok: true, channelMessageId: fake.sent[0]?.id });
    expect(fake.sent.map((sent) => sent.content)).toEqual([message.text]);
    const nonce = discordNonce(message.idempotencyKey);
    expect(nonce.length).toBeLessThanOrEqual(25);
    expect(fake.requests.map((request) => request.json)).toEqual([
      expect.objectContaining({ nonce, enforce_nonce: true }),
      expect.objectContaining({ nonce, enforce_nonce: true }),
    ]);

    // another message, with the same text, has a key (and a nonce) of its own
    const next = { ...message, idempotencyKey: crypto.randomUUID() };
    expect(await adapterOn("discord", fake.apiBase).send(fake.config, next)).toMatchObject({ ok: true });
    expect(fake.sent).toHaveLength(2);
  });
});
