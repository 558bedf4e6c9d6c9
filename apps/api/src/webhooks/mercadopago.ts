import type { PaymentWebhookIntakeDeps } from "@crm/domain";
import { paymentWebhook } from "./payment-webhook";

/**
 * POST /webhooks/mercadopago/<integrationId>: x-signature (ts, v1 over "id:<data.id>;request-id:<x-request-id>;ts:<ts>;").
 * The notification only names a payment; the job asks Mercado Pago's API for its status.
 */
export const mercadoPagoWebhook = (deps: PaymentWebhookIntakeDeps) => paymentWebhook(deps, "mercadopago");
