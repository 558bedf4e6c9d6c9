import type { PlainMessageKey } from "../../i18n/translate";
import type { Rule } from "../../lib/validation";

/** What can be connected: the messaging channels and the payment providers. */
export const channelKinds = ["whatsapp", "telegram", "slack", "discord"] as const;
export const paymentKinds = ["stripe", "mercadopago"] as const;
export const integrationKinds = [...channelKinds, ...paymentKinds] as const;
export type IntegrationKind = (typeof integrationKinds)[number];

export const isIntegrationKind = (value: string): value is IntegrationKind =>
  (integrationKinds as readonly string[]).includes(value);

export interface CredentialField {
  name: string;
  /** Secrets are typed in a password field and come back masked ("••••1234"); they are never shown again. */
  secret: boolean;
  label: PlainMessageKey;
  hint: PlainMessageKey;
  rule?: Rule;
  /** May stay empty when connecting: the provider shows it only once its webhook points at us (added on edit). */
  optional?: boolean;
}

// Loose checks that catch a value pasted into the wrong box; the API applies the exact rules.
const digits: Rule = (value) => (/^\d{1,30}$/.test(value.trim()) ? null : "integrations.error.digits");
const hex64: Rule = (value) => (/^[0-9a-fA-F]{64}$/.test(value.trim()) ? null : "integrations.error.hex64");
const noSpaces: Rule = (value) => (/^\S{8,512}$/.test(value.trim()) ? null : "integrations.error.token");
const telegramBotToken: Rule = (value) =>
  /^\d+:[\w-]{20,}$/.test(value.trim()) ? null : "integrations.error.telegramBotToken";
const telegramSecret: Rule = (value) =>
  /^[\w-]{16,256}$/.test(value.trim()) ? null : "integrations.error.telegramSecret";

const field = (
  kind: IntegrationKind,
  name: string,
  secret: boolean,
  rule: Rule | undefined = secret ? noSpaces : undefined,
): CredentialField => ({
  name,
  secret,
  label: `integrations.field.${kind}.${name}` as PlainMessageKey,
  hint: `integrations.hint.${kind}.${name}` as PlainMessageKey,
  ...(rule ? { rule } : {}),
});

/** Each kind's credentials, in the order the provider's console shows them. */
export const credentialFields: Record<IntegrationKind, readonly CredentialField[]> = {
  whatsapp: [
    field("whatsapp", "phoneNumberId", false, digits),
    field("whatsapp", "accessToken", true),
    field("whatsapp", "appSecret", true),
    field("whatsapp", "verifyToken", true),
  ],
  telegram: [
    field("telegram", "botToken", true, telegramBotToken),
    field("telegram", "secretToken", true, telegramSecret),
  ],
  slack: [field("slack", "botToken", true), field("slack", "signingSecret", true)],
  discord: [
    field("discord", "applicationId", false, digits),
    field("discord", "publicKey", false, hex64),
    field("discord", "botToken", true),
  ],
  stripe: [field("stripe", "secretKey", true), { ...field("stripe", "webhookSecret", true), optional: true }],
  mercadopago: [
    field("mercadopago", "accessToken", true),
    { ...field("mercadopago", "webhookSecret", true), optional: true },
  ],
};

export const kindLabels: Record<IntegrationKind, string> = {
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  slack: "Slack",
  discord: "Discord",
  stripe: "Stripe",
  mercadopago: "Mercado Pago",
};

export const isPaymentKind = (kind: IntegrationKind): boolean =>
  (paymentKinds as readonly string[]).includes(kind);
