import type { IdentityResult, WebhookRequest } from "../integrations/channel";
import type { CurrencyCode, Money } from "../shared/money";
import type { PaymentProviderConfigs, PaymentProviderName, PaymentStatus } from "./model";

export interface CheckoutRequest {
  /** Our payment's id: the provider keeps it (metadata, external_reference) and sends it back. */
  paymentId: string;
  amount: Money;
  description: string;
  /** Where the customer lands after paying. */
  returnUrl: string;
  /** Where the provider posts its notifications, for providers that take it per link (Mercado Pago). */
  notificationUrl: string;
  expiresAt: Date;
}

export interface Checkout {
  providerReference: string;
  paymentLink: string;
  expiresAt: Date | null;
}

export interface RefundRequest {
  paymentId: string;
  providerPaymentId: string;
  amount: Money;
  /** The same key for a retried call: the provider refunds once. */
  idempotencyKey: string;
}

export interface Refund {
  refundId: string;
  amount: Money;
}

/** What a provider says about one of our payments; absent fields are not known by this notification. */
export interface PaymentSnapshot {
  /** Our payment id, when the provider echoes it (metadata, external_reference). */
  paymentId?: string | undefined;
  providerReference?: string | undefined;
  providerPaymentId?: string | undefined;
  status?: PaymentStatus | undefined;
  /** The total refunded so far, as the provider counts it. */
  refundedAmount?: Money | undefined;
  /**
   * The attempt `providerPaymentId` names failed (a declined card: Stripe's PaymentIntent back to
   * requires_payment_method, Mercado Pago's `rejected`) while the link itself stays payable: the payment stays
   * pending, and `status` is absent.
   */
  attemptFailed?: boolean | undefined;
  /** Why the attempt failed, as the provider says it (Stripe's decline_code or code, Mercado Pago's status_detail). */
  declineCode?: string | undefined;
  /** The provider's own words about the failure, when it has some (Stripe's last_payment_error.message). */
  declineMessage?: string | undefined;
}

/** A verified notification, read: either the facts it carries, or a payment to look up first (the API wins). */
export type PaymentNotification =
  | { kind: "snapshot"; eventId: string; type: string; snapshot: PaymentSnapshot }
  | { kind: "lookup"; eventId: string; type: string; providerPaymentId: string }
  | { kind: "ignored"; eventId: string; type: string };

/**
 * `throttled`: the provider refused for too many requests (HTTP 429), saying how long to wait when it did
 * (`retryAfterSeconds`, from its Retry-After header). `outcomeUnknown`: no clear answer came after the request
 * may have reached the provider (a timeout, a cut connection, a proxy's 502), so it may have done what was
 * asked; only asking again with the same idempotency key tells.
 */
export type ProviderResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: string;
      retryable: boolean;
      throttled?: boolean;
      retryAfterSeconds?: number;
      outcomeUnknown?: true;
    };

/** One per payment provider (the channels' strategy pattern). Adapters return results; they do not throw. */
export interface PaymentProvider<P extends PaymentProviderName = PaymentProviderName> {
  provider: P;
  /**
   * The currencies this account charges in: Stripe takes every currency we know; a Mercado Pago account only its
   * own country's (what its site says; BRL when the provider cannot be asked). Never fails.
   */
  currencies(config: PaymentProviderConfigs[P]): Promise<readonly CurrencyCode[]>;
  createCheckout(
    config: PaymentProviderConfigs[P],
    request: CheckoutRequest,
  ): Promise<ProviderResult<Checkout>>;
  refund(config: PaymentProviderConfigs[P], request: RefundRequest): Promise<ProviderResult<Refund>>;
  /**
   * Closes a link so that it can no longer be paid (Stripe: expires the Checkout Session; Mercado Pago: moves the
   * preference's expiry into the past). Fails when the provider refuses, e.g. a session already completed.
   */
  expireCheckout(config: PaymentProviderConfigs[P], providerReference: string): Promise<ProviderResult<void>>;
  /** The provider's word on a payment, by its id (Mercado Pago notifications carry only the id). */
  fetchPayment(
    config: PaymentProviderConfigs[P],
    providerPaymentId: string,
  ): Promise<ProviderResult<PaymentSnapshot>>;
  /** Checks the credentials (the integration's test button). */
  whoAmI(config: PaymentProviderConfigs[P]): Promise<IdentityResult>;
  /** Signature and freshness, over the raw bytes, in constant time. */
  verify(request: WebhookRequest, config: PaymentProviderConfigs[P]): boolean;
  /** The provider's id of this notification, to drop redeliveries at intake. */
  eventId(payload: unknown): string | undefined;
  /** Undefined when the payload is not a notification this provider sends. */
  parse(payload: unknown): PaymentNotification | undefined;
}

export interface PaymentProviders {
  get<P extends PaymentProviderName>(provider: P): PaymentProvider<P>;
}
