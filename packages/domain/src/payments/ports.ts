import type { Actor } from "../auth/model";
import type { Clock } from "../auth/ports";
import type { IngestionWebhookLogRepository } from "../conversations/ingestion-ports";
import type { DealActivityRepository, DealRepository, PipelineRepository } from "../deals/ports";
import type { SealedSecret } from "../integrations/model";
import type { CredentialCipher } from "../integrations/ports";
import type { NotificationRepository } from "../notifications/ports";
import type { EventBus } from "../shared/events";
import type { Logger } from "../shared/logger";
import type { Money } from "../shared/money";
import type { Page, PageRequest } from "../shared/pagination";
import type { Transactional } from "../shared/transaction";
import type { Payment, PaymentProviderName, PaymentStatus } from "./model";
import type { PaymentProviders } from "./provider";

/** A payment provider's integration row, credentials still sealed. */
export interface PaymentIntegration {
  id: string;
  organizationId: string;
  provider: PaymentProviderName;
  /** What the organization called it, e.g. "Stripe loja". */
  name: string;
  isActive: boolean;
  sealedConfig: SealedSecret;
  createdAt: Date;
}

export interface PaymentIntegrationRepository {
  findById(organizationId: string, id: string): Promise<PaymentIntegration | undefined>;
  /** Webhooks do not know the tenant yet. */
  findByIdAnyOrganization(id: string): Promise<PaymentIntegration | undefined>;
  /** Oldest first. */
  listActive(organizationId: string): Promise<PaymentIntegration[]>;
}

export interface NewPayment {
  id: string;
  dealId: string;
  integrationId: string;
  provider: PaymentProviderName;
  amount: Money;
  description: string;
  providerReference: string;
  paymentLink: string;
  createdBy: string | null;
  expiresAt: Date | null;
}

export interface PaymentPatch {
  status?: PaymentStatus;
  refundedAmount?: Money;
  /** null forgets a failed attempt's id: the link waits for none at the provider any more. */
  providerPaymentId?: string | null;
  paidAt?: Date;
}

export interface PaymentFilter {
  status?: PaymentStatus | undefined;
  dealId?: string | undefined;
  provider?: PaymentProviderName | undefined;
}

/** How a notification names the payment: ours, or the provider's ids. */
export interface PaymentLookup {
  paymentId?: string | undefined;
  providerReference?: string | undefined;
  providerPaymentId?: string | undefined;
}

/** A refund's amount held from the moment it is asked of the provider until its answer is recorded. */
export interface RefundReservation {
  id: string;
  paymentId: string;
  amount: Money;
}

/**
 * A reservation the provider gave no clear answer for (PROVIDER_UNCONFIRMED), or left so long that its request
 * must have ended without recording it: the refund may have been made.
 */
export interface HeldRefund extends RefundReservation {
  /** The caller-scoped Idempotency-Key of the request that made it (see `refundRequestKey`), if it had one. */
  requestKey: string | null;
}

/** A reservation still there: its refund's answer was never recorded (yet). */
export interface UnsettledRefund extends HeldRefund {
  organizationId: string;
  createdAt: Date;
}

/**
 * A refund recorded for a request that came with an Idempotency-Key: the request retried (after the refund was
 * recorded, by itself, a retry or the settlement job) is answered with it, never refunded again.
 */
export interface RecordedRefundRequest {
  paymentId: string;
  /** The caller-scoped key (see `refundRequestKey`). */
  requestKey: string;
  /** null for requests recorded before the table kept it. */
  amount: Money | null;
  outcome: "refunded";
  providerRefundId: string | null;
}

export interface RefundRequestRepository {
  find(
    organizationId: string,
    payment: Pick<Payment, "id" | "amount">,
    requestKey: string,
  ): Promise<RecordedRefundRequest | undefined>;
  /** Call in the transaction that records the refund; a key recorded already for the payment is kept. */
  record(organizationId: string, request: RecordedRefundRequest, at: Date): Promise<void>;
}

export interface PaymentRepository {
  create(organizationId: string, input: NewPayment, at: Date): Promise<Payment>;
  findById(organizationId: string, id: string, lock?: "update"): Promise<Payment | undefined>;
  /** Locks the row; the first of the lookup's ids that matches wins. */
  findForUpdate(
    organizationId: string,
    provider: PaymentProviderName,
    lookup: PaymentLookup,
  ): Promise<Payment | undefined>;
  /** Newest first. */
  list(organizationId: string, filter: PaymentFilter, page: PageRequest): Promise<Page<Payment>>;
  update(organizationId: string, id: string, patch: PaymentPatch, at: Date): Promise<Payment>;
  /**
   * Up to `limit` payments of any organization still pending whose link expired before `before`, oldest first;
   * not one with an attempt at the provider (a boleto or Pix awaiting payment), which the provider settles.
   */
  findExpiredPending(before: Date, limit: number): Promise<Payment[]>;
  /** The payments still pending through this integration, oldest first. */
  findPendingByIntegration(organizationId: string, integrationId: string): Promise<Payment[]>;
  /**
   * What the deal's payments in status paid brought in, their refunds taken off: one total per currency, none
   * for a currency with nothing paid. Sees the caller's transaction's own writes.
   */
  paidTotals(organizationId: string, dealId: string): Promise<Money[]>;
  /**
   * Call under the payment's row lock, having checked the amount against `reservedRefunds` and that no refund is
   * held (`heldRefunds`). `requestKey`: see `HeldRefund`.
   */
  reserveRefund(
    organizationId: string,
    reservation: RefundReservation & { requestKey?: string | null | undefined },
    at: Date,
  ): Promise<void>;
  /**
   * The payment's reservations marked unconfirmed, or made before `leftBefore` (their request gave up long ago),
   * oldest first. Call under the payment's row lock.
   */
  heldRefunds(
    organizationId: string,
    payment: Pick<Payment, "id" | "amount">,
    leftBefore: Date,
  ): Promise<HeldRefund[]>;
  /** The provider gave no clear answer: call under the payment's row lock. false when it was gone. */
  markRefundUnconfirmed(organizationId: string, reservationId: string, at: Date): Promise<boolean>;
  /** What the payment's refunds in flight hold, in its currency; zero when none. */
  reservedRefunds(organizationId: string, payment: Pick<Payment, "id" | "amount">): Promise<Money>;
  /**
   * Up to `limit` reservations of any organization made before `before` (and not before `from`, when given),
   * oldest first, after `after`'s position in that order when given.
   */
  findUnsettledRefunds(
    range: { from?: Date | undefined; before: Date },
    after: Pick<UnsettledRefund, "createdAt" | "id"> | undefined,
    limit: number,
  ): Promise<UnsettledRefund[]>;
  /** The refund was recorded, or the provider refused it; false when the reservation was gone. */
  releaseRefund(organizationId: string, reservationId: string): Promise<boolean>;
  /** false when this provider event was applied already (the idempotency key of processing). */
  recordEvent(
    organizationId: string,
    event: { paymentId: string; provider: PaymentProviderName; eventId: string; type: string },
  ): Promise<boolean>;
}

export interface PaymentsRepos {
  payments: PaymentRepository;
  refundRequests: RefundRequestRepository;
  integrations: PaymentIntegrationRepository;
  deals: DealRepository;
  pipelines: PipelineRepository;
  activities: DealActivityRepository;
  webhookLogs: IngestionWebhookLogRepository;
  /** A payment on a deal marked lost tells someone. */
  notifications: NotificationRepository;
}

/** Sends a text into a conversation as a normal outbound message (the conversations context's use case). */
export type MessageSender = (actor: Actor, conversationId: string, text: string) => Promise<{ id: string }>;

/**
 * A conversation the actor may see that can take an outbound message now (its integration is active, the
 * channel's rules allow it), with its contact. Throws not found, or unprocessable with the reason.
 */
export type ConversationCheck = (
  actor: Actor,
  conversationId: string,
) => Promise<{ contactId: string | null }>;

export interface PaymentLinks {
  /** Where the customer lands after paying. */
  returnUrl(paymentId: string): string;
  /** Where a provider posts notifications for this integration. */
  webhookUrl(provider: PaymentProviderName, integrationId: string): string;
}

export interface PaymentsDeps {
  store: Transactional<PaymentsRepos> & PaymentsRepos;
  providers: PaymentProviders;
  cipher: CredentialCipher;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  links: PaymentLinks;
  newId(): string;
  /** Absent where messages cannot be sent (the worker): sending a link then answers 422. */
  sendMessage?: MessageSender | undefined;
  /** Absent with `sendMessage`. */
  checkConversation?: ConversationCheck | undefined;
  /**
   * The language messages and default link descriptions for the organization's customers are written in; absent
   * with `sendMessage` (descriptions are then in Portuguese, the default language).
   */
  organizationLocale?: ((organizationId: string) => Promise<string>) | undefined;
}
