import { type Channel, receiveWebhook, type WebhookIntakeDeps } from "@crm/domain";
import type { Context } from "hono";
import type { WebhookIntegrations } from "./integration-cache";
import { respond, unknownIntegration } from "./respond";
import { readWebhook } from "./webhook-request";

/** POST /webhooks/<channel>/<integrationId>: for providers whose payload does not name the tenant. */
export const integrationWebhook =
  (deps: WebhookIntakeDeps, integrations: WebhookIntegrations, channel: Channel) => async (c: Context) => {
    const integrationId = c.req.param("integrationId") ?? "";
    const found = await integrations.byId(integrationId);
    let integration = found.integrations[0];
    if (!integration || integration.channel !== channel) {
      deps.logger.warn({ channel, integrationId }, "webhook for an unknown integration");
      return unknownIntegration(c);
    }
    const { request, body } = await readWebhook(c);
    let outcome = await receiveWebhook(deps, integration, request, body, { cached: found.cached });
    if (outcome.kind === "stale") {
      integration = await integrations.fresh(integrationId);
      if (!integration || integration.channel !== channel) return unknownIntegration(c);
      outcome = await receiveWebhook(deps, integration, request, body);
    }
    return respond(c, outcome);
  };
