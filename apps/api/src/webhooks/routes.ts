import type { PaymentsDeps, WebhookIntakeDeps } from "@crm/domain";
import { Hono } from "hono";
import { requestBodyLimit } from "../http/body-limit";
import { webhookIntegrations } from "./integration-cache";
import { integrationWebhook } from "./integration-webhook";
import { mercadoPagoWebhook } from "./mercadopago";
import { reuseOpenedCredentials } from "./opened-credentials";
import { stripeWebhook } from "./stripe";
import { whatsappChallenge, whatsappWebhook } from "./whatsapp";

const maxWebhookBytes = 1024 * 1024;

/** /webhooks/*: raw body -> verify (constant time) -> webhook_logs row -> queue -> 200, in milliseconds. */
export function webhookRoutes(deps: WebhookIntakeDeps, payments?: PaymentsDeps): Hono {
  const routes = new Hono();
  routes.use(
    "*",
    requestBodyLimit(maxWebhookBytes, (c) => c.json({ message: "Webhook body too large" }, 413)),
  );
  const integrations = webhookIntegrations(deps.store.integrations);
  const intake = { ...deps, cipher: reuseOpenedCredentials(deps.cipher) };
  routes.get("/whatsapp", whatsappChallenge(deps));
  routes.post("/whatsapp", whatsappWebhook(intake, integrations));
  routes.post("/telegram/:integrationId", integrationWebhook(intake, integrations, "telegram"));
  routes.post("/slack/:integrationId", integrationWebhook(intake, integrations, "slack"));
  routes.post("/discord/:integrationId", integrationWebhook(intake, integrations, "discord"));
  if (payments) {
    routes.post("/stripe/:integrationId", stripeWebhook({ payments, intake: deps }));
    routes.post("/mercadopago/:integrationId", mercadoPagoWebhook({ payments, intake: deps }));
  }
  return routes;
}
