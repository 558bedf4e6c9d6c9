import { receiveWebhook, type WebhookIntakeDeps, type WebhookOutcome } from "@crm/domain";
import { splitWhatsAppWebhook } from "@crm/integrations/whatsapp/routing";
import type { Context } from "hono";
import type { WebhookIntegrations } from "./integration-cache";
import { respond, unknownIntegration } from "./respond";
import { readWebhook } from "./webhook-request";

/** GET /webhooks/whatsapp: Meta's subscription check, answered when the verify token is one of ours. */
export const whatsappChallenge = (deps: WebhookIntakeDeps) => async (c: Context) => {
  const mode = c.req.query("hub.mode");
  const token = c.req.query("hub.verify_token");
  const challenge = c.req.query("hub.challenge");
  if (mode !== "subscribe" || !token || !challenge) return c.text("Forbidden", 403);
  if (!(await deps.store.integrations.hasVerifyTokenHash("whatsapp", deps.cipher.fingerprint(token)))) {
    deps.logger.warn({ channel: "whatsapp" }, "WhatsApp subscription check with an unknown verify token");
    return c.text("Forbidden", 403);
  }
  return c.text(challenge, 200);
};

/**
 * POST /webhooks/whatsapp: the tenant is the integration of each change's phone number id; a batch for
 * several numbers is stored once per number, each verified with its own app secret.
 */
export const whatsappWebhook =
  (deps: WebhookIntakeDeps, integrations: WebhookIntegrations) => async (c: Context) => {
    const { request, body } = await readWebhook(c);
    if (!body.ok) {
      deps.logger.warn(
        { channel: "whatsapp", reason: body.reason },
        "WhatsApp webhook is not JSON; nothing to route by",
      );
      return c.json({ message: "Body is not JSON" }, 400);
    }
    const parts = splitWhatsAppWebhook(body.payload);
    if (parts.size === 0) {
      deps.logger.info({ channel: "whatsapp" }, "WhatsApp webhook names no phone number; ignored");
      return c.body(null, 200);
    }
    const outcomes: WebhookOutcome[] = [];
    for (const [phoneNumberId, payload] of parts) {
      const found = await integrations.byExternalId("whatsapp", phoneNumberId);
      for (const integration of found.integrations) {
        const part = { ok: true, payload } as const;
        const outcome = await receiveWebhook(deps, integration, request, part, { cached: found.cached });
        if (outcome.kind !== "stale") {
          outcomes.push(outcome);
          continue;
        }
        // changed since it was cached: decided on the integration as it is now, if it still has this number
        const fresh = await integrations.fresh(integration.id);
        if (fresh?.channel === "whatsapp" && fresh.externalId === phoneNumberId) {
          outcomes.push(await receiveWebhook(deps, fresh, request, part));
        }
      }
    }
    if (outcomes.length === 0) {
      deps.logger.warn(
        { channel: "whatsapp", phoneNumberIds: [...parts.keys()] },
        "webhook for an unknown phone number",
      );
      return unknownIntegration(c);
    }
    return respond(
      c,
      outcomes.find((outcome) => outcome.kind !== "unauthorized") ?? { kind: "unauthorized" },
    );
  };
