import type { Actor } from "../auth/model";
import { activityActor } from "../deals/actor";
import { DomainError, notFound } from "../shared/errors";
import {
  addMoney,
  compareMoney,
  fromMinorUnits,
  type Money,
  parseMoney,
  toMinorUnits,
} from "../shared/money";
import { applyPaymentChange } from "./apply-change";
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
  if (toMinorUnits(money) <= 0n) throw notRefundable("The refund must be greater than zero");
  if (compareMoney(money, refundable) > 0) {
    throw notRefundable(`At most ${refundable.amount} ${refundable.currency} can still be refunded`);
  }
  return money;
}

/**
 * Refunds all that is left, or part of it, through the provider, then records it: the refunded total
 * grows, the payment is `refunded` once it reaches the amount, and the deal gets an activity.
 */
export async function refundPayment(
  deps: PaymentsDeps,
  actor: Actor,
  id: string,
  input: { amount?: string | undefined },
): Promise<Payment> {
  const organizationId = actor.organizationId;
  const payment = await deps.store.payments.findById(organizationId, id);
  if (!payment) throw notFound("Payment");
  if (payment.status !== "paid")
    throw notRefundable(`Only a paid payment can be refunded (it is ${payment.status})`);
  if (!payment.providerPaymentId || !payment.integrationId) {
    throw notRefundable("The provider has not told us which of its payments this is yet");
  }
  const amount = refundAmount(payment, input.amount);
  const stored = await deps.store.integrations.findById(organizationId, payment.integrationId);
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
  if (!refund.ok) throw providerFailure(integration.provider, refund.error);

  const result = await applyPaymentChange(deps, {
    organizationId,
    provider: payment.provider,
    lookup: { paymentId: payment.id },
    event: { eventId: `refund:${refund.value.refundId}`, type: "refund" },
    // an absolute total, not a delta: the row is not locked across the provider call, and the provider's
    // own webhook for this very refund (also absolute) may be applied first; the larger total wins, so the
    // refund is counted (and its activity written) once. Two concurrent refunds may undercount until the
    // provider's next webhook, which carries its total; counting one twice could never be undone.
    refundedTotal: addMoney(payment.refundedAmount, refund.value.amount),
    ...activityActor(actor),
  });
  return result.kind === "applied" ? result.payment : payment;
}
