import type { Actor } from "../auth/model";
import { activityActor } from "../deals/actor";
import { DomainError, notFound } from "../shared/errors";
import { assertUnchanged, type Precondition } from "../shared/record-version";
import { applyPaymentChange, type PaymentChange } from "./apply-change";
import { type ConnectedPaymentIntegration, connectPaymentIntegration } from "./credentials";
import type { Payment, PaymentProviderName } from "./model";
import type { PaymentsDeps } from "./ports";
import type { ProviderResult } from "./provider";

const providerNames: Record<PaymentProviderName, string> = { stripe: "Stripe", mercadopago: "Mercado Pago" };

const describe = (payment: Payment) =>
  `payment ${payment.id} (${payment.amount.amount} ${payment.amount.currency})`;

/** The links of a payment integration a customer could still pay: what deleting it has to close first. */
export async function countPendingLinks(
  deps: Pick<PaymentsDeps, "store">,
  organizationId: string,
  integrationId: string,
): Promise<number> {
  return (await deps.store.payments.findPendingByIntegration(organizationId, integrationId)).length;
}

function expireAt(
  deps: PaymentsDeps,
  integration: ConnectedPaymentIntegration,
  providerReference: string,
): Promise<ProviderResult<void>> {
  return integration.provider === "stripe"
    ? deps.providers.get("stripe").expireCheckout(integration.config, providerReference)
    : deps.providers.get("mercadopago").expireCheckout(integration.config, providerReference);
}

const closedChange = (payment: Payment, actor: Actor): PaymentChange => ({
  organizationId: payment.organizationId,
  provider: payment.provider,
  lookup: { paymentId: payment.id },
  event: { eventId: `integration-deleted:${payment.id}`, type: "integration_deleted" },
  status: "expired",
  // a webhook applied meanwhile may have recorded an attempt (a boleto): the provider settles that one
  unlessAttempted: true,
  expiredReason: "integration_deleted",
  ...activityActor(actor),
});

/**
 * Before a payment integration (and its credentials) is deleted, its pending links are closed at the provider and
 * marked expired, each with a deal activity, so that no customer pays a link whose notifications would reach
 * nobody. Refused, the integration kept, when a payment awaits the customer at the provider (a boleto or Pix: only
 * the provider can settle it), or when the provider does not close a link; links it closed stay closed. A link
 * whose expiry passed is closed already. Answers how many were expired.
 */
export async function expirePendingLinks(
  deps: PaymentsDeps,
  actor: Actor,
  integrationId: string,
): Promise<number> {
  const organizationId = actor.organizationId;
  const stored = await deps.store.integrations.findById(organizationId, integrationId);
  if (!stored) return 0;
  const name = providerNames[stored.provider];
  const pending = await deps.store.payments.findPendingByIntegration(organizationId, integrationId);
  const awaiting = pending.filter((payment) => payment.providerPaymentId !== null);
  if (awaiting.length > 0) {
    throw new DomainError(
      "CONFLICT",
      `${awaiting.length} payment(s) of this integration await the customer at ${name} (e.g. a boleto or Pix not ` +
        `paid yet): ${awaiting.map(describe).join(", ")}. The integration must stay to learn of them: delete it ` +
        "once they are paid or expired.",
      { paymentIds: awaiting.map((payment) => payment.id) },
    );
  }

  const now = deps.clock.now().getTime();
  const integration = connectPaymentIntegration(deps.cipher, stored);
  const closed: Payment[] = [];
  const failed: Array<{ payment: Payment; error: string }> = [];
  for (const payment of pending) {
    const open = payment.expiresAt === null || payment.expiresAt.getTime() > now;
    if (!open || payment.providerReference === null) {
      closed.push(payment);
      continue;
    }
    const result = await expireAt(deps, integration, payment.providerReference);
    if (result.ok) closed.push(payment);
    else failed.push({ payment, error: result.error });
  }
  // each in its own transaction, like a provider's notification: a link closed at the provider is recorded so
  // even when another one could not be closed
  let expired = 0;
  for (const payment of closed) {
    const outcome = await applyPaymentChange(deps, closedChange(payment, actor));
    if (outcome.kind === "applied" && outcome.changed) expired += 1;
  }

  if (failed.length > 0) {
    const reasons = failed.map(({ payment, error }) => `${describe(payment)}: ${error}`).join("; ");
    throw new DomainError(
      "PROVIDER_ERROR",
      `${name} could not expire ${failed.length} of ${pending.length} pending payment link(s), so the integration ` +
        `was kept (${expired} expired): ${reasons}`,
      { provider: stored.provider, paymentIds: failed.map(({ payment }) => payment.id) },
    );
  }
  return expired;
}

/** The deal's payments still pending, oldest first. */
async function pendingOfDeal(deps: PaymentsDeps, organizationId: string, dealId: string): Promise<Payment[]> {
  const pending: Payment[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.payments.list(
      organizationId,
      { status: "pending", dealId },
      { limit: 100, cursor },
    );
    pending.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pending.reverse();
}

const dealDeletedChange = (payment: Payment, actor: Actor): PaymentChange => ({
  organizationId: payment.organizationId,
  provider: payment.provider,
  lookup: { paymentId: payment.id },
  event: { eventId: `deal-deleted:${payment.id}`, type: "deal_deleted" },
  status: "expired",
  unlessAttempted: true,
  ...activityActor(actor),
});

/**
 * Before a deal is deleted, its pending payment links are closed at the provider and marked expired (as deleting a
 * payment integration does), so that no customer pays a link whose payment would reach no deal. Refused (the deal
 * kept) when a payment awaits the customer at the provider (a boleto or Pix: only the provider settles it), or when
 * the provider does not close a link; links it closed stay closed. A link whose expiry passed, or whose integration
 * was deleted, is closed already. The deal's version is checked first (412), so a refused delete expires nothing.
 * Answers how many were expired.
 */
export async function expireDealPaymentLinks(
  deps: PaymentsDeps,
  actor: Actor,
  dealId: string,
  precondition: Precondition = {},
): Promise<number> {
  const organizationId = actor.organizationId;
  const deal = await deps.store.deals.findById(organizationId, dealId);
  if (!deal) throw notFound("Deal");
  assertUnchanged("deal", deal, precondition);
  const pending = await pendingOfDeal(deps, organizationId, deal.id);
  if (pending.length === 0) return 0;
  const awaiting = pending.filter((payment) => payment.providerPaymentId !== null);
  if (awaiting.length > 0) {
    throw new DomainError(
      "CONFLICT",
      `${awaiting.length} payment(s) of this deal await the customer at the provider (e.g. a boleto or Pix not paid ` +
        `yet): ${awaiting.map(describe).join(", ")}. The deal must stay to record them: delete it once they are ` +
        "paid or expired, or mark the deal lost instead.",
      { paymentIds: awaiting.map((payment) => payment.id) },
    );
  }

  const now = deps.clock.now().getTime();
  const closed: Payment[] = [];
  const failed: Array<{ payment: Payment; error: string }> = [];
  for (const payment of pending) {
    const open = payment.expiresAt === null || payment.expiresAt.getTime() > now;
    const stored = payment.integrationId
      ? await deps.store.integrations.findById(organizationId, payment.integrationId)
      : undefined;
    // without its integration the link's payment could not reach the CRM anyway
    if (!open || payment.providerReference === null || !stored) {
      closed.push(payment);
      continue;
    }
    const result = await expireAt(
      deps,
      connectPaymentIntegration(deps.cipher, stored),
      payment.providerReference,
    );
    if (result.ok) closed.push(payment);
    else failed.push({ payment, error: `${providerNames[stored.provider]}: ${result.error}` });
  }
  let expired = 0;
  for (const payment of closed) {
    const outcome = await applyPaymentChange(deps, dealDeletedChange(payment, actor));
    if (outcome.kind === "applied" && outcome.changed) expired += 1;
  }

  if (failed.length > 0) {
    const reasons = failed.map(({ payment, error }) => `${describe(payment)}: ${error}`).join("; ");
    throw new DomainError(
      "PROVIDER_ERROR",
      `The provider could not expire ${failed.length} of ${pending.length} pending payment link(s), so the deal ` +
        `was kept (${expired} expired): ${reasons}`,
      { paymentIds: failed.map(({ payment }) => payment.id) },
    );
  }
  return expired;
}
