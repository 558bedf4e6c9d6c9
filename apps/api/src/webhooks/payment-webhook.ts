import { type PaymentProviderName, type PaymentWebhookIntakeDeps, receivePaymentWebhook } from "@crm/domain";
import type { Context } from "hono";
import { unknownIntegration } from "./respond";
import { readWebhook } from "./webhook-request";

/** POST /webhooks/<provider>/<integrationId> for a payment provider: verify -> log -> enqueue -> 200. */
export const paymentWebhook =
  (deps: PaymentWebhookIntakeDeps, provider: PaymentProviderName) => async (c: Context) => {
    const { request, body } = await readWebhook(c);
    const outcome = await receivePaymentWebhook(
      deps,
      provider,
      c.req.param("integrationId") ?? "",
      request,
      body,
    );
    switch (outcome.kind) {
      case "unknown":
        return unknownIntegration(c);
      case "unauthorized":
        return c.json({ message: "Invalid, missing or expired signature" }, 401);
      case "not_configured":
        // any non-2xx makes Stripe (up to 3 days) and Mercado Pago retry; 503 says "not yet", not "forged"
        c.header("retry-after", "3600");
        return c.json({ message: "The webhook secret of this integration is not set yet" }, 503);
      case "ignored":
      case "accepted":
        return c.body(null, 200);
    }
  };
