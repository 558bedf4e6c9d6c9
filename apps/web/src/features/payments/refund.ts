import type { Locale } from "../../i18n/locale";
import type { PlainMessageKey } from "../../i18n/translate";
import { isZeroDecimal, subtractDecimals } from "../../lib/decimal";
import { type ErrorMessageOverrides, errorCodeOf } from "../../lib/errors";
import { type AmountProblem, readAmountInput } from "../../lib/money";
import type { Payment } from "./payment-filters";

/** What is left to refund, as a decimal string in the payment's currency. */
export const refundableOf = (payment: Pick<Payment, "amount" | "refundedAmount">): string =>
  subtractDecimals(payment.amount, payment.refundedAmount);

/**
 * What a refund may ask for now (the API's `refundableAmount`): what is left, less what refunds in flight or
 * awaiting the provider's confirmation hold.
 */
export const refundableNowOf = (payment: Pick<Payment, "refundableAmount">): string =>
  payment.refundableAmount;

/** What refunds in flight or awaiting the provider's confirmation hold of what is left; "0" when none. */
export function heldOf(payment: Pick<Payment, "amount" | "refundedAmount" | "refundableAmount">): string {
  const held = subtractDecimals(refundableOf(payment), payment.refundableAmount);
  return held.startsWith("-") ? "0" : held;
}

/**
 * The request got no answer (offline, a dropped connection): the refund may have been made. Sent again with the
 * same Idempotency-Key and body, the API answers with the first request's outcome instead of refunding twice.
 */
export const isLostAnswer = (error: unknown): boolean => error != null && errorCodeOf(error) === null;

/** Only a paid payment the provider has identified, with something left, can be refunded. */
export const canRefund = (
  payment: Pick<Payment, "status" | "amount" | "refundedAmount" | "providerPaymentId">,
): boolean =>
  payment.status === "paid" &&
  payment.providerPaymentId !== null &&
  !isZeroDecimal(refundableOf(payment)) &&
  !refundableOf(payment).startsWith("-");

export type RefundAmount = { ok: true; amount: string | undefined } | { ok: false; error: PlainMessageKey };

/**
 * The amount to send: undefined for "all that is left" (the API's default), a decimal string for a part.
 * A part equal to what is left is sent as a full refund, so the same click cannot refund twice.
 */
export function refundAmountOf(
  mode: "full" | "partial",
  text: string,
  refundable: string,
  locale: Locale,
): RefundAmount {
  if (mode === "full") return { ok: true, amount: undefined };
  const reading = readAmountInput(text, locale);
  if (!reading.ok) {
    // more digits than any payment has: more than what is left, which the dialog states
    if (reading.problem === "too_big") return { ok: false, error: "payments.refund.tooMuch" };
    return { ok: false, error: refundAmountProblems[reading.problem] ?? "errors.field.amount" };
  }
  const { amount } = reading;
  if (isZeroDecimal(amount)) return { ok: false, error: "payments.refund.zero" };
  const left = subtractDecimals(refundable, amount);
  if (left.startsWith("-")) return { ok: false, error: "payments.refund.tooMuch" };
  return { ok: true, amount: isZeroDecimal(left) ? undefined : amount };
}

/** What the refund dialog says of an amount it cannot send, where more can be said than "not an amount". */
const refundAmountProblems: Partial<Record<AmountProblem, PlainMessageKey>> = {
  negative: "errors.field.amountNegative",
  too_many_decimals: "errors.field.amountDecimals",
};

/** What the refund dialog says of the API's refusals in its own words. */
export const refundErrorMessages = {
  PROVIDER_UNCONFIRMED: "payments.refund.unconfirmed",
  REFUND_UNCONFIRMED: "payments.refund.earlierUnconfirmed",
} as const satisfies ErrorMessageOverrides;

/**
 * The provider did not confirm this refund, or an earlier one of the payment (REFUND_UNCONFIRMED), which may have
 * been made: the API holds its amount and settles it within minutes, refusing other refunds of the payment
 * meanwhile. The dialog offers no retry: the settlement decides.
 */
export const isUnconfirmedRefund = (error: unknown): boolean => {
  const code = errorCodeOf(error);
  return code === "PROVIDER_UNCONFIRMED" || code === "REFUND_UNCONFIRMED";
};
