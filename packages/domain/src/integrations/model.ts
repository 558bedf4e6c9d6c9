import type { Channel } from "./channel";
import type { IntegrationKind } from "./kind";

/** Credentials as stored: AES-256-GCM ciphertext with its nonce and tag, all base64. Opaque to everyone but the cipher. */
export interface SealedSecret {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

/** An integration as the repository holds it: the credentials stay sealed. */
export interface StoredIntegration {
  id: string;
  organizationId: string;
  /** A messaging channel or a payment provider. */
  channel: IntegrationKind;
  name: string;
  isActive: boolean;
  /** What webhooks are routed by: the WhatsApp phone number id, the Discord application id. */
  externalId: string | null;
  sealedConfig: SealedSecret;
  lastTestedAt: Date | null;
  lastTestError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A messaging channel's integration (what webhook intake, sending and the Discord gateway work with). */
export type StoredChannelIntegration = StoredIntegration & { channel: Channel };

/** An integration as people and API clients see it: secrets masked, never in clear. */
export interface Integration extends Omit<StoredIntegration, "sealedConfig"> {
  /** Public fields as they are, secret fields masked (e.g. "••••1234"). */
  config: Record<string, string>;
  /** False while its webhooks cannot be verified yet (a payment provider's webhook secret is missing). */
  webhookConfigured: boolean;
}

/** held: received while the integration was switched off, processed once it is switched on again. */
export const webhookLogStatuses = ["pending", "success", "failed", "retrying", "held"] as const;
export type WebhookLogStatus = (typeof webhookLogStatuses)[number];

export const webhookSources = ["webhook", "gateway"] as const;
export type WebhookSource = (typeof webhookSources)[number];

export interface WebhookLog {
  id: string;
  organizationId: string;
  integrationId: string | null;
  channel: IntegrationKind;
  source: WebhookSource;
  eventId: string | null;
  status: WebhookLogStatus;
  attempts: number;
  errorMessage: string | null;
  /** The JSON as received; null when the body was not JSON (the log then failed with the reason). */
  payload: unknown;
  createdAt: Date;
  processedAt: Date | null;
  lastAttemptAt: Date | null;
}

/** A webhook or gateway event to store before it is answered. */
export interface NewWebhookLog {
  organizationId: string;
  integrationId: string;
  /** A messaging channel, or a payment provider (its webhooks take the same path). */
  channel: IntegrationKind;
  source: WebhookSource;
  eventId: string | null;
  payload: unknown;
  /** The body as text when it is not JSON. */
  rawBody: string | null;
  status: "pending" | "failed";
  errorMessage: string | null;
}
