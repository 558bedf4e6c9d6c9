import type { Actor } from "../auth/model";
import { activityActor } from "../deals/actor";
import { DomainError, notFound, validationFailed } from "../shared/errors";
import {
  addMoney,
  compareMoney,
  fromMinorUnits,
  type Money,
  parseMoney,
  toMinorUnits,
} from "../shared/money";
import { applyPaymentChangeIn, publishPaymentChange } from "./apply-change";
import { connectPaymentIntegration } from "./credentials";
import type { Payment } from "./model";
import type { PaymentsDeps } from "./ports";
import { providerFailure } from "./provider-failure";

const notRefundable = (message: string) => new DomainError("UNPROCESSABLE", message);

/** What is left to refund, in the payment's currency. */
export const refundableOf = (payment: Pick<Payment, "amount" | "refundedAmount">): Money =>
  fromMinorUnits(
    toMinorUnits(payment.amount) - toMinorUnits(payment.refundedAmount),
    payment.amount.currency,
  );

function refundAmount(payment: Payment, amount: string | undefined): Money {
  const refundable = refundableOf(payment);
  if (amount === undefined) return refundable;
  const money = parseMoney(amount, payment.amount.currency, "amount", { maxIntegerDigits: 13 });
  // the same 400 as a link of zero (the input's schema says so first)
  if (toMinorUnits(money) <= 0n) throw validationFailed("amount", "Must be greater than zero");
  if (compareMoney(money, refundable) > 0) {
    throw notRefundable(`At most ${refundable.amount} ${refundable.currency} can still be refunded`);
  }
  return money;
}

/**
 * Refunds all that is left, or part of it, through the provider, then records it: the refunded total
 * grows, the payment is `refunded` once it reaches the amount, and the deal gets an activity.
 *
 * The payment's row is locked from before the provider is called until the refund is recorded, in one
 * transaction: two refunds of one payment at the same moment take turns, the second seeing the first's total,
 * so the totals add up exactly and each gets its activity. The provider's webhook for the refund waits for the
 * commit and then finds its total counted (it is absolute: it is never added twice). Should the transaction be run
 * again (a deadlock), the provider call repeats with the same idempotency key, so the provider refunds once.
 */
export async function refundPayment(
  deps: PaymentsDeps,
  actor: Actor,
  id: string,
  input: { amount?: string | undefined },
): Promise<Payment> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const effects = await deps.store.transaction(async (repos) => {
    const payment = await repos.payments.findById(organizationId, id, "update");
    if (!payment) throw notFound("Payment");
    if (payment.status !== "paid")
      throw notRefundable(`Only a paid payment can be refunded (it is ${payment.status})`);
    if (!payment.providerPaymentId || !payment.integrationId) {
      throw notRefundable("The provider has not told us which of its payments this is yet");
    }
    const amount = refundAmount(payment, input.amount);
    const stored = await repos.integrations.findById(organizationId, payment.integrationId);
    if (!stored) throw notRefundable("The payment's integration was removed");
    const integration = connectPaymentIntegration(deps.cipher, stored);
    const request = {
      paymentId: payment.id,
      providerPaymentId: payment.providerPaymentId,
      amount,
      idempotencyKey: `${payment.id}-${payment.refundedAmount.amount}-${amount.amount}`,
    };
    const refund =
      integration.provider === "stripe"
        ? await deps.providers.get("stripe").refund(integration.config, request)
        : await deps.providers.get("mercadopago").refund(integration.config, request);
    if (!refund.ok) throw providerFailure(integration.provider, refund.error, refund);

    const change = {
      organizationId,
      provider: payment.provider,
      lookup: { paymentId: payment.id },
      event: { eventId: `refund:${refund.value.refundId}`, type: "refund" },
      // an absolute total, read under the row lock: a webhook carrying the provider's own total (also absolute)
      // never makes it count twice
      refundedTotal: addMoney(payment.refundedAmount, refund.value.amount),
      ...activityActor(actor),
    };
    return { payment, effects: await applyPaymentChangeIn(repos, deps, change, now) };
  });
  const result = await publishPaymentChange(deps, effects.effects, now);
  return result.kind === "applied" ? result.payment : effects.payment;
}
