import { DomainError, type FieldErrors } from "../shared/errors";
import type { IntegrationConfigs, IntegrationKind } from "./kind";

type FieldKind = "public" | "secret";

interface FieldSpec {
  kind: FieldKind;
  pattern?: RegExp;
  hint?: string;
  /** May be left out at creation: a payment provider shows its webhook secret only once its endpoint exists. */
  optional?: true;
}

const token: FieldSpec = { kind: "secret", pattern: /^\S{8,512}$/, hint: "8-512 characters, no spaces" };
const digits: FieldSpec = { kind: "public", pattern: /^\d{1,30}$/, hint: "digits only" };

/**
 * Every integration's credential fields: which are secret (masked in output, never logged) and their format.
 * A new kind of integration adds its entry here and to `IntegrationConfigs`.
 */
export const channelConfigFields: {
  [C in IntegrationKind]: { [K in keyof IntegrationConfigs[C]]-?: FieldSpec };
} = {
  whatsapp: { phoneNumberId: digits, accessToken: token, appSecret: token, verifyToken: token },
  telegram: {
    botToken: {
      kind: "secret",
      pattern: /^\d+:[\w-]{20,}$/,
      hint: "the token BotFather gave, e.g. 123456:ABC-...",
    },
    // Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in the secret_token of setWebhook
    secretToken: {
      kind: "secret",
      pattern: /^[\w-]{16,256}$/,
      hint: "16-256 characters A-Z, a-z, 0-9, _ or -",
    },
  },
  slack: { botToken: token, signingSecret: token },
  discord: {
    applicationId: digits,
    publicKey: { kind: "public", pattern: /^[0-9a-fA-F]{64}$/, hint: "64 hexadecimal characters" },
    botToken: token,
  },
  stripe: {
    secretKey: {
      kind: "secret",
      pattern: /^(sk|rk)_(test|live)_\w{8,500}$/,
      hint: "the secret key (sk_live_... or sk_test_...) or a restricted key (rk_...)",
    },
    webhookSecret: {
      kind: "secret",
      pattern: /^whsec_[\w+/=]{8,500}$/,
      hint: "the endpoint's signing secret, whsec_...",
      optional: true,
    },
  },
  mercadopago: { accessToken: token, webhookSecret: { ...token, optional: true } },
};

const fieldsOf = (channel: IntegrationKind): Record<string, FieldSpec> => channelConfigFields[channel];

/** The full credentials of an integration, checked field by field; errors are keyed `config.<field>`. */
export function parseChannelConfig<C extends IntegrationKind>(
  channel: C,
  settings: object,
): IntegrationConfigs[C] {
  const input = settings as Record<string, unknown>;
  const fields = fieldsOf(channel);
  const fieldErrors: FieldErrors = {};
  const config: Record<string, string> = {};
  for (const key of Object.keys(input)) {
    if (!(key in fields)) fieldErrors[`config.${key}`] = [`${key} is not a ${channel} setting`];
  }
  for (const [key, spec] of Object.entries(fields)) {
    const raw = input[key];
    const value = typeof raw === "string" ? raw.trim() : "";
    if (value === "") {
      if (!spec.optional) fieldErrors[`config.${key}`] = [`${key} is required`];
    } else if (spec.pattern && !spec.pattern.test(value))
      fieldErrors[`config.${key}`] = [`${key} is invalid${spec.hint ? `: ${spec.hint}` : ""}`];
    else config[key] = value;
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new DomainError("VALIDATION_FAILED", `Invalid ${channel} settings`, { fieldErrors });
  }
  // every field of IntegrationConfigs[C] was checked above
  return config as unknown as IntegrationConfigs[C];
}

/** PATCH semantics: the given fields replace the stored ones, the others stay. */
export function mergeChannelConfig<C extends IntegrationKind>(
  channel: C,
  current: IntegrationConfigs[C],
  patch: object,
): IntegrationConfigs[C] {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return parseChannelConfig(channel, { ...current, ...defined });
}

const visibleTail = 4;
const minLengthToShowTail = 16;

/** "••••" plus the last characters of long secrets, so people can tell two keys apart without reading them. */
export const maskSecret = (secret: string): string =>
  secret.length >= minLengthToShowTail ? `••••${secret.slice(-visibleTail)}` : "••••";

export function maskChannelConfig(channel: IntegrationKind, config: object): Record<string, string> {
  const values = config as Record<string, unknown>;
  const masked: Record<string, string> = {};
  for (const [key, spec] of Object.entries(fieldsOf(channel))) {
    const value = values[key];
    if (typeof value !== "string") continue;
    masked[key] = spec.kind === "secret" ? maskSecret(value) : value;
  }
  return masked;
}

/** False while a field the webhooks are verified with is still missing (a payment provider's webhook secret). */
export const isWebhookConfigured = (channel: IntegrationKind, config: object): boolean =>
  Object.entries(fieldsOf(channel)).every(
    ([key, spec]) => !spec.optional || typeof (config as Record<string, unknown>)[key] === "string",
  );

/** The id webhooks are routed by, when the provider names it in the payload. */
export function externalIdOf(channel: IntegrationKind, config: object): string | null {
  const values = config as Record<string, unknown>;
  const id =
    channel === "whatsapp" ? values.phoneNumberId : channel === "discord" ? values.applicationId : undefined;
  return typeof id === "string" ? id : null;
}
