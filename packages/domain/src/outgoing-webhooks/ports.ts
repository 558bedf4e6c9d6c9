import type { Clock } from "../auth/ports";
import type { SealedSecret } from "../integrations/model";
import type { CredentialCipher } from "../integrations/ports";
import type { JobQueue } from "../shared/jobs";
import type { Logger } from "../shared/logger";
import type { Page, PageRequest } from "../shared/pagination";
import type { DeliveryStatus, WebhookDelivery, WebhookSubscription } from "./model";
import type { WebhookUrlPolicy } from "./webhook-url";

export interface NewSubscription {
  url: string;
  description: string | null;
  events: string[];
  isActive: boolean;
  secret: SealedSecret;
  secretHint: string;
}

export interface SubscriptionPatch {
  url?: string;
  description?: string | null;
  events?: string[];
  isActive?: boolean;
}

export interface WebhookSubscriptionRepository {
  /** Inserts unless the organization already has `limit` subscriptions; undefined then. */
  create(
    organizationId: string,
    id: string,
    subscription: NewSubscription,
    limit: number,
  ): Promise<WebhookSubscription | undefined>;
  findById(organizationId: string, id: string): Promise<WebhookSubscription | undefined>;
  /** The sealed secret too, for signing. */
  findWithSecret(
    organizationId: string,
    id: string,
  ): Promise<{ subscription: WebhookSubscription; secret: SealedSecret } | undefined>;
  list(organizationId: string, page: PageRequest): Promise<Page<WebhookSubscription>>;
  /** Switching on clears the failure streak and the reason it was switched off. */
  update(
    organizationId: string,
    id: string,
    patch: SubscriptionPatch,
  ): Promise<WebhookSubscription | undefined>;
  replaceSecret(
    organizationId: string,
    id: string,
    secret: SealedSecret,
    secretHint: string,
  ): Promise<WebhookSubscription | undefined>;
  remove(organizationId: string, id: string): Promise<boolean>;
  /** The organization's switched-on subscriptions. */
  listActive(organizationId: string): Promise<WebhookSubscription[]>;
  /** Organizations that have at least one switched-on subscription. */
  organizationsWithActive(): Promise<string[]>;
  recordSuccess(organizationId: string, id: string): Promise<void>;
  /**
   * Adds a failed attempt to the streak; at `threshold` the subscription is switched off with `reason`.
   * Answers whether this call switched it off.
   */
  recordFailure(organizationId: string, id: string, threshold: number, reason: string): Promise<boolean>;
}

export interface NewDelivery {
  subscriptionId: string;
  eventId: string;
  eventType: string;
  payload: unknown;
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  statusCode: number | null;
  error: string | null;
  deliveredAt: Date | null;
}

export interface WebhookDeliveryRepository {
  /** Inserts the rows not already there (same subscription and event id); answers the ids inserted. */
  insertMany(organizationId: string, deliveries: NewDelivery[]): Promise<string[]>;
  findById(organizationId: string, id: string): Promise<WebhookDelivery | undefined>;
  /** Delivery by id alone: jobs carry only the id. */
  findForJob(id: string): Promise<WebhookDelivery | undefined>;
  list(
    organizationId: string,
    subscriptionId: string,
    filter: { status?: DeliveryStatus | undefined },
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>>;
  recordAttempt(id: string, outcome: AttemptOutcome): Promise<void>;
  /** Back to pending with a fresh attempt budget; undefined when not found. */
  reset(organizationId: string, id: string, at: Date): Promise<WebhookDelivery | undefined>;
  /** Pending deliveries whose attempt was due before `before` (their job may be lost). */
  due(before: Date, limit: number): Promise<Array<{ id: string; attempts: number }>>;
}

export interface EventCursor {
  entryId: string;
  /** Until when a listening recorder had recorded every event of the organization (at least the entry's time). */
  recordedThrough: Date;
}

export interface EventCursorRepository {
  /** The last realtime log entry of the organization turned into deliveries. */
  find(organizationId: string): Promise<string | undefined>;
  position(organizationId: string): Promise<EventCursor | undefined>;
  /** Moves the cursor forward (never back: entry ids compare as `<ms>-<seq>`). */
  advance(organizationId: string, entryId: string): Promise<void>;
  /**
   * Notes that every organization's events until `at` are recorded, but for those `except` (never back). Rows
   * already within `slackMs` of `at` are left alone: a coarse mark is enough and spares writes.
   */
  markRecordedThrough(at: Date, except: string[], slackMs: number): Promise<void>;
}

export interface OutgoingWebhooksStore {
  subscriptions: WebhookSubscriptionRepository;
  deliveries: WebhookDeliveryRepository;
  cursors: EventCursorRepository;
}

/** What a receiver answered, or why nothing was answered (refused address, timeout, connection error). */
export type PostResult = { kind: "answered"; status: number } | { kind: "error"; error: string };

export interface SignedPost {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** POSTs without following redirects, to public addresses only (unless configured otherwise). */
export interface WebhookSender {
  post(request: SignedPost): Promise<PostResult>;
}

export interface WebhookSigner {
  /** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` */
  sign(secret: string, timestamp: string, body: string): string;
  newSecret(): string;
}

export interface OutgoingWebhooksDeps {
  store: OutgoingWebhooksStore;
  cipher: CredentialCipher;
  signer: WebhookSigner;
  queue: JobQueue;
  clock: Clock;
  newId: () => string;
  urlPolicy: WebhookUrlPolicy;
}

export interface DeliveryDeps extends OutgoingWebhooksDeps {
  sender: WebhookSender;
  logger: Logger;
  /** Delay before each retry; its length + 1 is the number of attempts. */
  retryDelaysMs: readonly number[];
  /** Failed attempts in a row after which a subscription is switched off. */
  disableAfterFailures: number;
}
