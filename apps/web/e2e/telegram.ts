import {
  type FakeTelegram,
  postWebhook,
  startFakeTelegram,
  telegramTextUpdate,
} from "@crm/integrations/testing";
import { expect } from "vitest";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

/** Someone who writes to the organization's Telegram bot from their own private chat. */
export interface TelegramCustomer {
  chatId: number;
  firstName: string;
  lastName: string;
}

/** The customer writes `text` to the bot of the Telegram integration `integrationId`; anything but 200 fails. */
export async function telegramCustomerWrites(
  session: BrowserSession,
  telegram: FakeTelegram,
  integrationId: string,
  customer: TelegramCustomer,
  text: string,
): Promise<void> {
  const update = telegramTextUpdate({
    chatId: customer.chatId,
    text,
    from: { id: customer.chatId, firstName: customer.firstName, lastName: customer.lastName },
  });
  const delivered = await postWebhook(
    `${session.api.baseUrl}/webhooks/telegram/${integrationId}`,
    telegram.signedWebhook(update),
  );
  expect(delivered.status).toBe(200);
}

export interface TelegramConversation {
  session: BrowserSession;
  telegram: FakeTelegram;
  token: string;
  ownerId: string;
  integrationId: string;
  /** The customer writes to the bot (again). */
  customerWrites: (text: string) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * For a whole test file, in Portuguese: a browser session whose API talks to a fake Telegram, an owner signed in
 * with their bot connected over the API and, with `firstMessage`, the customer's conversation started by it.
 */
export async function telegramConversation(options: {
  organizationName: string;
  ownerName: string;
  integrationName: string;
  customer: TelegramCustomer;
  firstMessage?: string;
}): Promise<TelegramConversation> {
  const telegram = await startFakeTelegram();
  let session: BrowserSession | undefined;
  const close = async () => {
    await session?.close();
    await telegram.close();
  };
  try {
    const started = await startBrowserSession({
      env: { TELEGRAM_API_BASE: telegram.apiBase },
      locale: "pt-BR",
    });
    session = started;
    const { token, user } = await registerOwner(started, {
      organizationName: options.organizationName,
      name: options.ownerName,
    });
    const { id: integrationId } = await restAs<{ id: string }>(
      started.api.baseUrl,
      token,
      "POST",
      "/integrations",
      {
        channel: "telegram",
        name: options.integrationName,
        config: telegram.config,
      },
    );
    const customerWrites = (text: string) =>
      telegramCustomerWrites(started, telegram, integrationId, options.customer, text);
    if (options.firstMessage !== undefined) await customerWrites(options.firstMessage);
    return { session: started, telegram, token, ownerId: user.id, integrationId, customerWrites, close };
  } catch (error) {
    await close();
    throw error;
  }
}
