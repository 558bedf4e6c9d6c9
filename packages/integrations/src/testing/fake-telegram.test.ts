import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram, telegramTextUpdate } from "./fake-telegram";

/*
 * Telegram numbers a chat's messages in one sequence for both directions. The fake must too: a reply that
 * took a customer message's id was stored under it, and the customer's next message with that id was
 * dropped as a duplicate.
 */

let fake: FakeTelegram;

beforeAll(async () => {
  fake = await startFakeTelegram();
});
afterAll(() => fake.close());

/** sendMessage called as the Bot API's clients do; the message id it answers. */
async function sendMessage(chatId: number, text: string): Promise<number> {
  const response = await fetch(`${fake.apiBase}/bot${fake.config.botToken}/sendMessage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ chat_id: chatId, text }),
  });
  const body = (await response.json()) as { ok: boolean; result?: { message_id?: unknown } };
  expect(body.ok).toBe(true);
  const messageId = body.result?.message_id;
  if (typeof messageId !== "number") throw new Error("sendMessage answered no message_id");
  return messageId;
}

describe("the fake Telegram's message ids", () => {
  it("answers a reply with an id above the customer's messages it signed in that chat", async () => {
    const chatId = 910_001;
    const customerIds = [500, 520];
    for (const messageId of customerIds)
      fake.signedWebhook(telegramTextUpdate({ chatId, messageId, text: "oi" }));

    const first = await sendMessage(chatId, "Olá! Em que posso ajudar?");
    const second = await sendMessage(chatId, "Estamos à disposição");

    expect(first).toBeGreaterThan(Math.max(...customerIds));
    expect(second).toBeGreaterThan(first);
    expect(fake.sent.filter((message) => message.chatId === String(chatId)).map((m) => m.messageId)).toEqual([
      first,
      second,
    ]);
  });

  it("gives the customer's next message, when a test names no id, an id above the replies in that chat", async () => {
    const chatId = 910_002;
    const replies: number[] = [];
    for (let n = 1; n <= 10; n++) replies.push(await sendMessage(chatId, `Resposta ${n}`));

    const next = telegramTextUpdate({ chatId, text: "Obrigada!" }).message as { message_id: number };

    expect(next.message_id).toBeGreaterThan(Math.max(...replies));
  });
});
