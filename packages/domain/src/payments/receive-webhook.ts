import type { WebhookRequest } from "../integrations/channel";
import type { IntegrationsRepos } from "../integrations/ports";
import type { WebhookBody } from "../integrations/webhook-intake";
import { recordWebhookEvent, scopedEventId } from "../integrations/webhook-intake";
import type { JobQueue } from "../shared/jobs";
import type { Logger } from "../shared/logger";
import { connectPaymentIntegration } from "./credentials";
import type { PaymentProviderName } from "./model";
import type { PaymentsDeps } from "./ports";

export type PaymentWebhookIntake =
  | { kind: "unknown" }
  | { kind: "unauthorized" }
  /** Its webhook secret is not set yet: refused so the provider retries once it is (never processed unverified). */
  | { kind: "not_configured" }
  | { kind: "ignored" }
  | { kind: "accepted"; logId: string | null };

export interface PaymentWebhookIntakeDeps {
  payments: Pick<PaymentsDeps, "store" | "cipher" | "providers">;
  /** The integrations context's webhook log and queue: the same durable path as the channels' webhooks. */
  intake: { store: Pick<IntegrationsRepos, "webhookLogs">; queue: JobQueue; logger: Logger };
}

/**
 * POST /webhooks/<provider>/<integrationId>: verify over the raw bytes -> webhook_logs row -> queue. The
 * provider's event id (scoped by the integration) makes a redelivery a no-op at the door.
 */
export async function receivePaymentWebhook(
  deps: PaymentWebhookIntakeDeps,
  provider: PaymentProviderName,
  integrationId: string,
  request: WebhookRequest,
  body: WebhookBody,
): Promise<PaymentWebhookIntake> {
  const { logger } = deps.intake;
  const stored = await deps.payments.store.integrations.findByIdAnyOrganization(integrationId);
  if (!stored || stored.provider !== provider) {
    logger.warn({ provider, integrationId }, "payment webhook for an unknown integration");
    return { kind: "unknown" };
  }
  const integration = connectPaymentIntegration(deps.payments.cipher, stored);
  const where = { provider, integrationId, organizationId: stored.organizationId };
  if (!integration.config.webhookSecret) {
    logger.warn(where, "payment webhook before its webhook secret was set; refused for a retry");
    return { kind: "not_configured" };
  }
  const verified =
    integration.provider === "stripe"
      ? deps.payments.providers.get("stripe").verify(request, integration.config)
      : deps.payments.providers.get("mercadopago").verify(request, integration.config);
  if (!verified) {
    logger.warn(where, "payment webhook signature missing, invalid or too old; rejected");
    return { kind: "unauthorized" };
  }
  // Unlike a paused channel's messages (dropped in webhook-intake), a paused payment integration's webhooks
  // are stored and processed: pausing only stops new links, and the money already paid on its links (or
  // refunded) must still reach the payment and its deal; the provider does not resend what we answered 200.
  if (!body.ok) {
    logger.info(where, "payment webhook ignored (not JSON)");
    return { kind: "ignored" };
  }
  const eventId = deps.payments.providers.get(provider).eventId(body.payload);
  const log = await recordWebhookEvent(deps.intake, {
    organizationId: stored.organizationId,
    integrationId,
    channel: provider,
    source: "webhook",
    eventId: scopedEventId(integrationId, eventId),
    payload: body.payload,
    rawBody: null,
    status: "pending",
    errorMessage: null,
  });
  return { kind: "accepted", logId: log?.id ?? null };
}
