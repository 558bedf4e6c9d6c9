import { type Channel, receiveWebhook, type WebhookIntakeDeps } from "@crm/domain";
import type { Context } from "hono";
import { respond, unknownIntegration } from "./respond";
import { readWebhook } from "./webhook-request";

/** POST /webhooks/<channel>/<integrationId>: for providers whose payload does not name the tenant. */
export const integrationWebhook = (deps: WebhookIntakeDeps, channel: Channel) => async (c: Context) => {
  const integrationId = c.req.param("integrationId") ?? "";
  const integration = await deps.store.integrations.findByIdAnyOrganization(integrationId);
  if (!integration || integration.channel !== channel) {
    deps.logger.warn({ channel, integrationId }, "webhook for an unknown integration");
    return unknownIntegration(c);
  }
  const { request, body } = await readWebhook(c);
  return respond(c, await receiveWebhook(deps, integration, request, body));
};
