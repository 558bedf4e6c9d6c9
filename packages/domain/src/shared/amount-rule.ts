/**
 * Why an amount of money was refused, as `data.fieldReasons` says it for a deal's value, a payment link and a
 * refund alike. The checks run in this order, so the reason named is the first thing a person would fix:
 * - `invalid_format`: not a plain decimal even with a leading "-" set aside ("abc", "1e5", "1.234,56");
 * - `negative`: below zero; the sign is told before anything wrong with the digits ("-10.555");
 * - `too_big`: more integer digits than the amount may have;
 * - `too_many_decimals`: more decimals than the currency has, or `no_decimals` when it has none (JPY, CLP);
 * - `too_small`: zero where the amount must be above it (a payment, a refund); "-0" is zero.
 */
export const amountProblems = [
  "invalid_format",
  "negative",
  "too_big",
  "too_many_decimals",
  "no_decimals",
  "too_small",
] as const;

export type AmountProblem = (typeof amountProblems)[number];

export interface AmountRule {
  /** The decimals the currency has: 2 for most, 0 for JPY. */
  decimals: number;
  maxIntegerDigits: number;
  allowNegative?: boolean | undefined;
  /** Accepts extra decimals that are all zeros, as Postgres prints a JPY amount in DECIMAL(15,2): "500.00". */
  allowZeroPadding?: boolean | undefined;
  /** Refuses zero (`too_small`). */
  positive?: boolean | undefined;
}

/** A decimal taken apart: `whole` without leading zeros, `negative` only for an amount below zero. */
export interface DecimalParts {
  negative: boolean;
  whole: string;
  fraction: string;
}

export type AmountCheck = { ok: true; parts: DecimalParts } | { ok: false; reason: AmountProblem };

// No exponent, "+" sign, spaces or separators: "1e5" and "1.234,56" are not amounts.
const amountPattern = /^(-?)(\d+)(?:\.(\d+))?$/;
const allZeros = /^0*$/;

/** The first rule `text` breaks (in the order above), or its parts. */
export function checkAmount(text: string, rule: AmountRule): AmountCheck {
  const match = amountPattern.exec(text);
  if (!match) return { ok: false, reason: "invalid_format" };
  const [, sign = "", digits = "", fraction = ""] = match;
  const whole = digits.replace(/^0+(?=\d)/, "");
  const zero = allZeros.test(whole) && allZeros.test(fraction);
  const negative = sign === "-" && !zero;
  if (negative && !rule.allowNegative) return { ok: false, reason: "negative" };
  if (whole.length > rule.maxIntegerDigits) return { ok: false, reason: "too_big" };
  const excess = fraction.slice(rule.decimals);
  if (excess.length > 0 && !(rule.allowZeroPadding && allZeros.test(excess))) {
    return { ok: false, reason: rule.decimals === 0 ? "no_decimals" : "too_many_decimals" };
  }
  if (zero && rule.positive) return { ok: false, reason: "too_small" };
  return { ok: true, parts: { negative, whole, fraction } };
}
