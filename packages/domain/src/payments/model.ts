import type { Money } from "../shared/money";

export const paymentProviders = ["stripe", "mercadopago"] as const;
export type PaymentProviderName = (typeof paymentProviders)[number];

export const isPaymentProviderName = (value: string): value is PaymentProviderName =>
  (paymentProviders as readonly string[]).includes(value);

export const paymentStatuses = ["pending", "paid", "failed", "refunded", "expired"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** The webhook secret is absent until it is pasted: the provider shows it only once the endpoint exists. */
export interface StripeConfig {
  secretKey: string;
  webhookSecret?: string;
}
export interface MercadoPagoConfig {
  accessToken: string;
  webhookSecret?: string;
}
export interface PaymentProviderConfigs {
  stripe: StripeConfig;
  mercadopago: MercadoPagoConfig;
}

export interface Payment {
  id: string;
  organizationId: string;
  dealId: string | null;
  integrationId: string | null;
  provider: PaymentProviderName;
  amount: Money;
  /** Partial refunds add up here; the payment is `refunded` when this reaches `amount`. */
  refundedAmount: Money;
  /** What refunds asked of the provider and not recorded yet hold (in flight, or awaiting its confirmation). */
  refundsInFlight: Money;
  status: PaymentStatus;
  description: string | null;
  /** The provider's payment: Stripe PaymentIntent id, Mercado Pago payment id; known once the customer pays. */
  providerPaymentId: string | null;
  /** What the link was created as: Stripe Checkout Session id, Mercado Pago preference id. */
  providerReference: string | null;
  paymentLink: string | null;
  /** The user who created the link; null for API keys. */
  createdBy: string | null;
  expiresAt: Date | null;
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
