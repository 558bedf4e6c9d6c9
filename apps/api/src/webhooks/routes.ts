import type { PaymentsDeps, WebhookIntakeDeps } from "@crm/domain";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { integrationWebhook } from "./integration-webhook";
import { mercadoPagoWebhook } from "./mercadopago";
import { stripeWebhook } from "./stripe";
import { whatsappChallenge, whatsappWebhook } from "./whatsapp";

const maxWebhookBytes = 1024 * 1024;

/** /webhooks/*: raw body -> verify (constant time) -> webhook_logs row -> queue -> 200, in milliseconds. */
export function webhookRoutes(deps: WebhookIntakeDeps, payments?: PaymentsDeps): Hono {
  const routes = new Hono();
  routes.use(
    "*",
    bodyLimit({
      maxSize: maxWebhookBytes,
      onError: (c) => c.json({ message: "Webhook body too large" }, 413),
    }),
  );
  routes.get("/whatsapp", whatsappChallenge(deps));
  routes.post("/whatsapp", whatsappWebhook(deps));
  routes.post("/telegram/:integrationId", integrationWebhook(deps, "telegram"));
  routes.post("/slack/:integrationId", integrationWebhook(deps, "slack"));
  routes.post("/discord/:integrationId", integrationWebhook(deps, "discord"));
  if (payments) {
    routes.post("/stripe/:integrationId", stripeWebhook({ payments, intake: deps }));
    routes.post("/mercadopago/:integrationId", mercadoPagoWebhook({ payments, intake: deps }));
  }
  return routes;
}
