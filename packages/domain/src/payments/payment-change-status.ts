import { compareMoney, fromMinorUnits, type Money, toMinorUnits } from "../shared/money";
import type { PaymentChange } from "./apply-change";
import type { Payment, PaymentStatus } from "./model";
import { canMoveTo } from "./status";

const minMoney = (a: Money, b: Money): Money => (compareMoney(a, b) <= 0 ? a : b);
export const paidLike = (status: PaymentStatus) => status === "paid" || status === "refunded";

/**
 * The refunded total after this change: only grows, never above the amount, only in the payment's currency.
 * `inFlight` is what our refunds still waiting for the provider's answer hold: a provider's total may already
 * count them, and each adds itself once answered, so it is taken off the provider's total.
 */
export function newRefundedTotal(
  payment: Payment,
  change: PaymentChange,
  inFlight: Money | undefined,
): Money {
  let refunded = payment.refundedAmount;
  const { refundedTotal } = change;
  if (refundedTotal && refundedTotal.currency === refunded.currency) {
    const held = inFlight && inFlight.currency === refundedTotal.currency ? toMinorUnits(inFlight) : 0n;
    const counted = toMinorUnits(refundedTotal) - held;
    if (counted > toMinorUnits(refunded)) refunded = fromMinorUnits(counted, refunded.currency);
  }
  // `refunded` from the provider means all of it, whatever total it reports (a chargeback reports none)
  if (change.status === "refunded") refunded = payment.amount;
  return minMoney(refunded, payment.amount);
}

export function targetStatus(
  payment: Payment,
  change: PaymentChange,
  refunded: Money,
): PaymentStatus | undefined {
  const fullyRefunded = compareMoney(refunded, payment.amount) === 0;
  const candidates: PaymentStatus[] = [];
  if (change.status && change.status !== "refunded") candidates.push(change.status);
  // a refund means it was paid, even when the refund's notification comes first
  if (toMinorUnits(refunded) > 0n) candidates.push(fullyRefunded ? "refunded" : "paid");
  let status: PaymentStatus | undefined;
  for (const candidate of candidates) {
    if (canMoveTo(status ?? payment.status, candidate)) status = candidate;
  }
  return status;
}
