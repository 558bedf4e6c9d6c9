import type { CheckoutRequest, Money, PaymentProviderName, WebhookRequest } from "@crm/domain";

/** What the domain asks a payment provider for: a checkout for `paymentId` whose webhooks go to `provider`'s route. */
export const checkoutRequest = (
  provider: PaymentProviderName,
  paymentId: string,
  amount: Money,
  expiresAt: Date,
): CheckoutRequest => ({
  paymentId,
  amount,
  description: "Plano anual",
  returnUrl: `https://app.example.com/payments/${paymentId}`,
  notificationUrl: `https://api.example.com/webhooks/${provider}/1`,
  expiresAt,
});

/** A webhook as the API hands it to the provider's verify and parse, received at `now` (seconds). */
export const webhookRequest = (
  body: string,
  headers: Record<string, string>,
  now = Math.floor(Date.now() / 1000),
) => ({ rawBody: new TextEncoder().encode(body), headers, now }) satisfies WebhookRequest;
