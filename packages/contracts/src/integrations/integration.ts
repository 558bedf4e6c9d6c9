import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

export const messagingChannel = z
  .enum(["whatsapp", "telegram", "slack", "discord"])
  .describe("The channel customers write on");

const secret = (description: string) => z.string().trim().min(1).max(512).describe(description);
const numericId = (description: string) =>
  z.string().trim().regex(/^\d+$/, "Digits only").max(30).describe(description);

export const whatsappSettings = strictInput({
  phoneNumberId: numericId("Phone number ID (WhatsApp Manager -> API Setup); webhooks are routed by it"),
  accessToken: secret(
    "Permanent access token of a system user with whatsapp_business_messaging; it must be able to read the " +
      "phone number at Meta (checked when either changes)",
  ),
  appSecret: secret("App secret (App settings -> Basic): signs every webhook"),
  verifyToken: secret("Any string you choose; paste the same in the webhook's Verify token field"),
});

export const telegramSettings = strictInput({
  botToken: secret("The token BotFather gave, e.g. 123456:ABC-DEF..."),
  secretToken: secret("The secret_token you pass to setWebhook (16-256 of A-Z a-z 0-9 _ -)"),
});

export const slackSettings = strictInput({
  botToken: secret("Bot User OAuth Token (xoxb-...), with chat:write and files:read"),
  signingSecret: secret("Signing Secret (Basic Information -> App Credentials)"),
});

export const discordSettings = strictInput({
  applicationId: numericId("Application ID (General Information)"),
  publicKey: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, "64 hexadecimal characters")
    .describe("Public Key (General Information): verifies interactions"),
  botToken: secret("Bot token (Bot -> Reset Token); the bot needs the Message Content intent"),
});

export const stripeSettings = strictInput({
  secretKey: secret("Secret key (Developers -> API keys), sk_live_... or a restricted rk_... key"),
  webhookSecret: secret(
    "Signing secret of the webhook endpoint (whsec_...): signs every event. May be added after connecting " +
      "(Stripe shows it once the endpoint exists); until then webhooks are refused with 503 and links cannot be made",
  ).optional(),
});

export const mercadopagoSettings = strictInput({
  accessToken: secret("Access token of the application (Your integrations -> Production credentials)"),
  webhookSecret: secret(
    "Secret signature of the webhooks (Your integrations -> Webhooks): signs x-signature. May be added after " +
      "connecting; until then webhooks are refused with 503 and links cannot be made",
  ).optional(),
});

/**
 * Each kind of integration with the settings it needs. A new kind adds a member here, its name to
 * `integrationChannel` and its settings to `integrationSettingsPatch`.
 */
export const integrationSettings = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("whatsapp"), config: whatsappSettings }),
  z.object({ channel: z.literal("telegram"), config: telegramSettings }),
  z.object({ channel: z.literal("slack"), config: slackSettings }),
  z.object({ channel: z.literal("discord"), config: discordSettings }),
  z.object({ channel: z.literal("stripe"), config: stripeSettings }),
  z.object({ channel: z.literal("mercadopago"), config: mercadopagoSettings }),
]);

export const integrationChannel = z
  .enum([...messagingChannel.options, "stripe", "mercadopago"])
  .describe("A channel customers write on, or a payment provider");

const integrationName = z.string().max(100).describe('A name for people, e.g. "WhatsApp vendas"');

/**
 * REST bodies must be a ZodObject, so `config` is read as a map and then checked against its channel's settings
 * by the discriminated union above (errors name the field, e.g. `config.appSecret`).
 */
export const createIntegrationInput = strictInput({
  channel: integrationChannel,
  name: integrationName,
  config: z
    .record(z.string(), z.string().max(512))
    .describe(
      "The channel's credentials. whatsapp: phoneNumberId, accessToken, appSecret, verifyToken; " +
        "telegram: botToken, secretToken; slack: botToken, signingSecret; discord: applicationId, publicKey, botToken; " +
        "stripe: secretKey, webhookSecret (optional at first); mercadopago: accessToken, webhookSecret (optional at first)",
    ),
}).superRefine((input, ctx) => {
  const settings = integrationSettings.safeParse({ channel: input.channel, config: input.config });
  for (const issue of settings.success ? [] : settings.error.issues) {
    ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  }
});

export const integrationSettingsPatch = strictInput({
  ...whatsappSettings.shape,
  ...telegramSettings.shape,
  ...slackSettings.shape,
  ...discordSettings.shape,
  ...stripeSettings.shape,
  ...mercadopagoSettings.shape,
})
  .partial()
  .describe("Settings to replace; the others stay. Only the integration's own channel's fields are accepted");

export const updateIntegrationInput = strictInput({
  id,
  name: integrationName.optional(),
  isActive: z.boolean().optional().describe("Inactive integrations neither receive nor send"),
  config: integrationSettingsPatch.optional(),
});

export const listIntegrationsInput = z.object({ ...pageInput, channel: integrationChannel.optional() });

export const integration = z.object({
  id,
  channel: integrationChannel,
  name: z.string(),
  isActive: z.boolean(),
  config: z
    .record(z.string(), z.string())
    .describe('Public settings as they are; secrets masked, e.g. "••••1234"'),
  webhookUrl: z
    .string()
    .describe("Paste this URL in the provider's webhook (or interactions endpoint) setting"),
  externalId: z
    .string()
    .nullable()
    .describe("What webhooks are routed by (WhatsApp phone number id, Discord app id)"),
  webhookConfigured: z
    .boolean()
    .describe(
      "False while a payment provider's webhook secret is missing: its webhooks are refused (503, the " +
        "provider retries) and no payment link can be made until the secret is set",
    ),
  lastTestedAt: timestamp.nullable(),
  lastTestError: z.string().nullable().describe("The provider's answer to the last failed test"),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const integrationPage = pageOf(integration);

export const integrationTestResult = z.object({
  ok: z.boolean(),
  identity: z
    .string()
    .nullable()
    .describe(
      "The account's own name at the provider (bot username, business name); null when it names none",
    ),
  mode: z
    .enum(["test", "live"])
    .nullable()
    .describe(
      "Whether the provider says these are test or live credentials (Stripe); null where it does not say",
    ),
  error: z.string().nullable().describe("Why the provider refused them"),
  integration,
});

export const integrationDeletion = z.object({
  pendingPaymentLinks: z
    .number()
    .int()
    .describe(
      "A payment integration's pending links that deleting it expires at the provider; 0 for a channel",
    ),
});

export const deleteIntegrationResult = z.object({
  ok: z.literal(true),
  expiredPaymentLinks: z
    .number()
    .int()
    .describe("Pending payment links expired at the provider (and marked expired) before it was deleted"),
});
