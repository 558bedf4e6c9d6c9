import type { Actor } from "../auth/model";
import type { Clock } from "../auth/ports";
import type { PaymentProviders } from "../payments/provider";
import type { JobQueue } from "../shared/jobs";
import type { Logger } from "../shared/logger";
import type { Page, PageRequest } from "../shared/pagination";
import type { Transactional } from "../shared/transaction";
import type { Channel, ChannelAdapter, ChannelConfigs } from "./channel";
import type { IntegrationKind } from "./kind";
import type {
  NewWebhookLog,
  SealedSecret,
  StoredChannelIntegration,
  StoredIntegration,
  WebhookLog,
  WebhookLogStatus,
} from "./model";

/** A channel integration with its credentials decrypted: only for adapters, never for API output or logs. */
export type ConnectedChannel = {
  [C in Channel]: {
    integrationId: string;
    organizationId: string;
    channel: C;
    isActive: boolean;
    config: ChannelConfigs[C];
  };
}[Channel];

export interface ChannelCredentials {
  /** undefined when the integration does not exist in this organization or is not a messaging channel. */
  get(organizationId: string, integrationId: string): Promise<ConnectedChannel | undefined>;
}

export interface ChannelAdapters {
  get<C extends Channel>(channel: C): ChannelAdapter<C>;
}

/** What sending, testing and ingesting need of the channels: the adapters and the decrypted credentials. */
export interface Channels {
  adapters: ChannelAdapters;
  credentials: ChannelCredentials;
}

/** Encrypts integration credentials at rest (AES-256-GCM in production). */
export interface CredentialCipher {
  /** `context` (the organization id) is bound to the ciphertext: a sealed value copied to another row does not open. */
  seal(plaintext: string, context: string): SealedSecret;
  /** Throws when the value was tampered with, sealed for another context or with another key. */
  open(sealed: SealedSecret, context: string): string;
  /** A keyed one-way hash for lookups by a secret (the WhatsApp verify token) without storing it. */
  fingerprint(value: string): string;
}

export interface NewIntegration {
  channel: IntegrationKind;
  name: string;
  sealedConfig: SealedSecret;
  externalId: string | null;
  verifyTokenHash: string | null;
}

export interface IntegrationPatch {
  name?: string;
  isActive?: boolean;
  sealedConfig?: SealedSecret;
  externalId?: string | null;
  verifyTokenHash?: string | null;
  /** New credentials: the last test's outcome (of the old ones) is cleared. */
  clearTestResult?: boolean;
}

export interface IntegrationFilter {
  channel?: IntegrationKind | undefined;
}

export interface IntegrationRepository {
  create(organizationId: string, input: NewIntegration): Promise<StoredIntegration>;
  findById(organizationId: string, id: string): Promise<StoredIntegration | undefined>;
  list(
    organizationId: string,
    filter: IntegrationFilter,
    page: PageRequest,
  ): Promise<Page<StoredIntegration>>;
  update(organizationId: string, id: string, patch: IntegrationPatch): Promise<StoredIntegration | undefined>;
  recordTest(organizationId: string, id: string, result: { at: Date; error: string | null }): Promise<void>;
  /**
   * Deletes it unless a pending payment still goes through it (a link made while the integration's links were
   * being expired): "payments_pending" then, nothing deleted.
   */
  remove(organizationId: string, id: string): Promise<"removed" | "missing" | "payments_pending">;
  /** Another integration of any organization already routed by this id (one phone number, one tenant). */
  isExternalIdTaken(channel: Channel, externalId: string, exceptId?: string): Promise<boolean>;
  // Webhooks do not know the tenant yet: these look across organizations, at messaging channels only
  // (payment webhooks find their integration through the payments context).
  findByIdAnyOrganization(id: string): Promise<StoredChannelIntegration | undefined>;
  findByExternalId(channel: Channel, externalId: string): Promise<StoredChannelIntegration[]>;
  hasVerifyTokenHash(channel: Channel, verifyTokenHash: string): Promise<boolean>;
  /** Every active integration of a channel, in every organization (the Discord gateway holds one connection each). */
  listActive(channel: Channel): Promise<StoredChannelIntegration[]>;
}

export interface WebhookLogFilter {
  status?: WebhookLogStatus | undefined;
}

/** What a cached integration must still match for a webhook verified against it to be stored. */
export interface CurrentIntegration {
  sealedConfig: SealedSecret;
  externalId: string | null;
}

export interface WebhookLogRepository {
  /** undefined when a log with the same event id exists already (a redelivery). */
  insert(log: NewWebhookLog): Promise<{ id: string } | undefined>;
  /**
   * `insert`, in the same statement, only while the integration is still active with exactly these sealed
   * credentials and external id: "stale" otherwise (what the caller verified against was a cached copy).
   */
  insertIfCurrent(
    log: NewWebhookLog,
    expected: CurrentIntegration,
  ): Promise<{ id: string } | undefined | "stale">;
  /**
   * `insert` for an integration seen switched off: stored `held` while it still is, `pending` when it was
   * switched on meanwhile (decided in the same statement, after any switch-on in progress has committed).
   */
  insertHeld(log: NewWebhookLog): Promise<{ id: string; status: "held" | "pending" } | undefined>;
  /** An integration switched on again: its held logs become pending; their ids in arrival order. */
  releaseHeld(organizationId: string, integrationId: string): Promise<string[]>;
  findById(organizationId: string, id: string): Promise<WebhookLog | undefined>;
  list(
    organizationId: string,
    integrationId: string,
    filter: WebhookLogFilter,
    page: PageRequest,
  ): Promise<Page<WebhookLog>>;
  /** Marks a log to be processed again; undefined when it does not exist in this organization. */
  markRetrying(organizationId: string, id: string): Promise<WebhookLog | undefined>;
}

export interface IntegrationsRepos {
  integrations: IntegrationRepository;
  webhookLogs: WebhookLogRepository;
}

/** What webhook intake needs: store first, then enqueue; the log's row is the durable part. */
export interface WebhookIntakeDeps {
  store: IntegrationsRepos;
  cipher: CredentialCipher;
  adapters: ChannelAdapters;
  queue: JobQueue;
  logger: Logger;
}

/** The payments context's part in deleting a payment integration (see `expirePendingLinks`). */
export interface IntegrationPaymentLinks {
  /** The integration's links a customer could still pay. */
  countPending(organizationId: string, integrationId: string): Promise<number>;
  /** Closes them at the provider and marks them expired, or throws with the integration kept. Answers how many. */
  expirePending(actor: Actor, integrationId: string): Promise<number>;
}

export interface IntegrationsDeps extends WebhookIntakeDeps {
  store: Transactional<IntegrationsRepos> & IntegrationsRepos;
  clock: Clock;
  /** Checks Stripe and Mercado Pago credentials (the test button); absent, their test reports it cannot. */
  paymentProviders?: PaymentProviders | undefined;
  /** Absent, a payment integration cannot be deleted (its links would stay payable). */
  paymentLinks?: IntegrationPaymentLinks | undefined;
  /** Where an integration's webhooks are delivered (from PUBLIC_URL): told to providers set by API (Telegram). */
  webhookUrl?: ((channel: IntegrationKind, integrationId: string) => string) | undefined;
}
