import { webhookProcessAttempts } from "../shared/jobs";
import { applyPaymentChange } from "./apply-change";
import { connectPaymentIntegration } from "./credentials";
import { isPaymentProviderName } from "./model";
import type { PaymentsDeps } from "./ports";
import type { PaymentSnapshot, ProviderResult } from "./provider";

export type PaymentWebhookOutcome = "not-a-payment" | "processed" | "skipped" | "failed";

const maxErrorLength = 1000;

/**
 * The `webhook-process` job for a payment provider's webhook log. A notification that only names a
 * payment (Mercado Pago) is believed only after asking the provider's API: the API wins. Everything else
 * happens in `applyPaymentChange`'s one transaction, under the log's row lock, once per provider event.
 */
export async function processPaymentWebhook(
  deps: PaymentsDeps,
  webhookLogId: string,
): Promise<PaymentWebhookOutcome> {
  const log = await deps.store.webhookLogs.findById(webhookLogId);
  if (!log || !isPaymentProviderName(log.channel)) return "not-a-payment";
  if (log.status === "success" || log.status === "failed") return "skipped";
  const provider = log.channel;
  const context = { webhookLogId, organizationId: log.organizationId, provider };

  const fail = async (error: string): Promise<PaymentWebhookOutcome> => {
    await deps.store.webhookLogs.recordFailure(log.id, {
      error: error.slice(0, maxErrorLength),
      at: deps.clock.now(),
      permanent: true,
      maxAttempts: webhookProcessAttempts,
    });
    deps.logger.warn({ ...context, reason: error }, "payment webhook cannot be processed");
    return "failed";
  };

  const stored = log.integrationId
    ? await deps.store.integrations.findById(log.organizationId, log.integrationId)
    : undefined;
  if (!stored || stored.provider !== provider) return fail("The payment integration no longer exists");
  const notification = deps.providers.get(provider).parse(log.payload);
  if (!notification) return fail(`Unreadable ${provider} notification`);
  if (notification.kind === "ignored") {
    await deps.store.webhookLogs.markProcessed(log.id, deps.clock.now());
    return "processed";
  }

  const fetchPayment = (providerPaymentId: string): Promise<ProviderResult<PaymentSnapshot>> => {
    const integration = connectPaymentIntegration(deps.cipher, stored);
    return integration.provider === "stripe"
      ? deps.providers.get("stripe").fetchPayment(integration.config, providerPaymentId)
      : deps.providers.get("mercadopago").fetchPayment(integration.config, providerPaymentId);
  };
  let snapshot: PaymentSnapshot =
    notification.kind === "lookup"
      ? { providerPaymentId: notification.providerPaymentId }
      : notification.snapshot;
  // A refund that names only the provider's payment (a Stripe charge) may come before the notification that
  // told us which of our payments that is (Stripe does not order its events): the provider knows.
  const unmatchedRefund = snapshot.paymentId === undefined && snapshot.refundedAmount !== undefined;
  const lookupId = notification.kind === "lookup" || unmatchedRefund ? snapshot.providerPaymentId : undefined;
  if (lookupId !== undefined) {
    const found = await fetchPayment(lookupId);
    if (!found.ok) {
      // the queue retries; the log counts the attempt
      await deps.store.webhookLogs.recordFailure(log.id, {
        error: found.error.slice(0, maxErrorLength),
        at: deps.clock.now(),
        permanent: !found.retryable,
        maxAttempts: webhookProcessAttempts,
      });
      if (!found.retryable) return "failed";
      throw new Error(`${provider} payment lookup failed: ${found.error}`);
    }
    snapshot =
      notification.kind === "lookup"
        ? { providerPaymentId: lookupId, ...found.value }
        : { ...snapshot, paymentId: found.value.paymentId };
  }

  const change = {
    organizationId: log.organizationId,
    provider,
    lookup: {
      paymentId: snapshot.paymentId,
      providerReference: snapshot.providerReference,
      providerPaymentId: snapshot.providerPaymentId,
    },
    event: { eventId: notification.eventId, type: notification.type },
    status: snapshot.status,
    providerPaymentId: snapshot.providerPaymentId,
    refundedTotal: snapshot.refundedAmount,
    attemptFailed: snapshot.attemptFailed,
    // a notification to look up tells a state, not an occurrence: Mercado Pago tells one rejection several times
    decline: {
      attempt: notification.kind === "lookup" ? notification.providerPaymentId : notification.eventId,
      code: snapshot.declineCode,
      message: snapshot.declineMessage,
    },
    webhookLogId: log.id,
  };
  let outcome: Awaited<ReturnType<typeof applyPaymentChange>>;
  try {
    outcome = await applyPaymentChange(deps, change);
  } catch (error) {
    await deps.store.webhookLogs
      .recordFailure(log.id, {
        error: (error instanceof Error ? error.message : String(error)).slice(0, maxErrorLength),
        at: deps.clock.now(),
        permanent: false,
        maxAttempts: webhookProcessAttempts,
      })
      .catch((recordError: unknown) =>
        deps.logger.error({ ...context, recordError }, "failure not recorded"),
      );
    throw error;
  }
  if (outcome.kind === "unknown") {
    deps.logger.info({ ...context, eventId: notification.eventId }, "notification for no payment of ours");
  }
  return outcome.kind === "done" ? "skipped" : "processed";
}
