import type { PaymentWebhookIntakeDeps } from "@crm/domain";
import { paymentWebhook } from "./payment-webhook";

/** POST /webhooks/stripe/<integrationId>: Stripe-Signature (t, v1) over the raw body, 300 s tolerance. */
export const stripeWebhook = (deps: PaymentWebhookIntakeDeps) => paymentWebhook(deps, "stripe");
