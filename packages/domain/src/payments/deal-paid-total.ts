import { compareMoney, fromMinorUnits, type Money, toMinorUnits } from "../shared/money";

/** How far a deal's paid payments have gone toward its value: whether a paid payment may win it. */
export type DealPaymentProgress =
  /** The deal has no value (zero): any paid payment wins it, in whatever currency. */
  | { kind: "no_value" }
  | { kind: "reached"; paid: Money; value: Money }
  /** Short of the value, e.g. a deposit ("sinal"): the deal is not won by payment yet. */
  | { kind: "short"; paid: Money; value: Money };

/**
 * `paidTotals` is what the deal's paid payments brought in, refunds taken off, one total per currency. Only the
 * deal's own currency counts toward its value: converting would need a rate nobody agreed to, so a deal paid
 * only in another currency is left for a person to close.
 */
export function dealPaymentProgress(value: Money, paidTotals: readonly Money[]): DealPaymentProgress {
  if (toMinorUnits(value) <= 0n) return { kind: "no_value" };
  const paid =
    paidTotals.find((total) => total.currency === value.currency) ?? fromMinorUnits(0n, value.currency);
  return compareMoney(paid, value) >= 0 ? { kind: "reached", paid, value } : { kind: "short", paid, value };
}

/**
 * The deal's paid totals with the payment just paid counted at its full amount: a refund of it can only have been
 * made after it was paid, so it does not keep that payment from winning the deal even when the provider's refund
 * notification arrived (and was recorded) first. `paidTotals` counts it net of its refund (status paid) or not at
 * all (fully refunded): its refunded amount is added back. The deal's other payments keep their refunds taken off.
 */
export function withPaymentInFull(
  paidTotals: readonly Money[],
  payment: { amount: Money; refundedAmount: Money },
): Money[] {
  const back = payment.refundedAmount;
  if (toMinorUnits(back) === 0n) return [...paidTotals];
  const found = paidTotals.some((total) => total.currency === back.currency);
  const totals = paidTotals.map((total) =>
    total.currency === back.currency
      ? fromMinorUnits(toMinorUnits(total) + toMinorUnits(back), total.currency)
      : total,
  );
  return found ? totals : [...totals, back];
}

/**
 * What the `payment_paid` activity of a payment that did not win its deal records, so the timeline can say
 * "partial payment: X of Y" (and whether the payment's own currency counted at all).
 */
export const shortOfValueData = (
  progress: Extract<DealPaymentProgress, { kind: "short" }>,
  payment: Money,
) => ({
  dealPaidTotal: progress.paid.amount,
  dealValue: progress.value.amount,
  dealCurrency: progress.value.currency,
  ...(payment.currency !== progress.value.currency && { otherCurrency: true }),
});
