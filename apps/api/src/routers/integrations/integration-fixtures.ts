import { sealConfig } from "@crm/domain";
import {
  type FakeDiscord,
  type FakeSlack,
  type FakeTelegram,
  type FakeWhatsApp,
  postWebhook,
  startFakeDiscord,
  startFakeSlack,
  startFakeTelegram,
  startFakeWhatsApp,
  telegramTextUpdate,
} from "@crm/integrations/testing";
import { expect } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";

export interface IntegrationBody {
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

export interface ChannelFakes {
  whatsapp: FakeWhatsApp;
  telegram: FakeTelegram;
  slack: FakeSlack;
  discord: FakeDiscord;
}

/** Telegram accepts only an HTTPS webhook URL in setWebhook (its fake too), so the API says it is reached by one. */
export const integrationsPublicUrl = "https://crm.example.com.br";

/** The API with every channel's fake provider behind its *_API_BASE. */
export async function startIntegrationsTestApi(): Promise<
  ChannelFakes & { api: TestApi; close(): Promise<void> }
> {
  const [whatsapp, telegram, slack, discord] = await Promise.all([
    startFakeWhatsApp(),
    startFakeTelegram(),
    startFakeSlack(),
    startFakeDiscord(),
  ]);
  const api = await startTestApi({
    WHATSAPP_API_BASE: whatsapp.apiBase,
    TELEGRAM_API_BASE: telegram.apiBase,
    SLACK_API_BASE: slack.apiBase,
    DISCORD_API_BASE: discord.apiBase,
    PUBLIC_URL: integrationsPublicUrl,
  });
  return {
    api,
    whatsapp,
    telegram,
    slack,
    discord,
    async close() {
      await api.close();
      await Promise.all([whatsapp, telegram, slack, discord].map((fake) => fake.close()));
    },
  };
}

const secretsOf = ({ whatsapp, telegram, slack, discord }: ChannelFakes) => [
  whatsapp.config.accessToken,
  whatsapp.config.appSecret,
  whatsapp.config.verifyToken,
  telegram.config.botToken,
  telegram.config.secretToken,
  slack.config.botToken,
  slack.config.signingSecret,
  discord.config.botToken,
];

export const expectNoSecretOf = (fakes: ChannelFakes, value: unknown) => {
  const text = JSON.stringify(value);
  for (const secret of secretsOf(fakes)) expect(text).not.toContain(secret);
};

/**
 * Each fake's credentials; WhatsApp's phone number must be unique across organizations, so it can be replaced
 * (by a number of the fake's business account: the token must be able to read it).
 */
export const integrationBodies = (
  { whatsapp, telegram, slack, discord }: ChannelFakes,
  phoneNumberId = whatsapp.config.phoneNumberId,
) => ({
  whatsapp: {
    channel: "whatsapp",
    name: "WhatsApp vendas",
    config: whatsapp.addPhoneNumber({ phoneNumberId }),
  },
  telegram: { channel: "telegram", name: "Telegram suporte", config: telegram.config },
  slack: { channel: "slack", name: "Slack", config: slack.config },
  discord: { channel: "discord", name: "Discord", config: discord.config },
});

let phoneCounter = 0;
export const freshPhoneNumberId = () => {
  phoneCounter += 1;
  return `55${Date.now()}${phoneCounter}`;
};

/** Delivers a Telegram update to the integration and returns the id of the log it wrote. */
export async function receivedLogId(
  api: TestApi,
  telegram: FakeTelegram,
  integrationId: string,
): Promise<string> {
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
    .where("event_id", "=", `${integrationId}:${telegram.bot.id}:${update.update_id}`)
    .executeTakeFirstOrThrow();
  return row.id;
}

export const createIntegration = (api: TestApi, token: string, body: object) =>
  api.rest<IntegrationBody>("POST", "/integrations", { token, body });

/**
 * Telegram integrations "Telegram 1" to "Telegram count", sealed as the connect flow seals them (the webhook logs
 * read the integration) and written straight to the store; their ids, in that order.
 */
export async function insertTelegramIntegrations(
  api: TestApi,
  organizationId: string,
  count: number,
): Promise<string[]> {
  const { cipher, store } = api.container.integrations;
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const integration = await store.integrations.create(organizationId, {
      channel: "telegram",
      name: `Telegram ${n}`,
      sealedConfig: sealConfig(cipher, organizationId, {
        botToken: `${n}:token`,
        secretToken: `secret-${n}`,
      }),
      externalId: null,
      verifyTokenHash: null,
    });
    ids.push(integration.id);
  }
  return ids;
}
