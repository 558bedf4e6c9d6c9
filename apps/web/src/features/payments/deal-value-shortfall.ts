import type { Locale } from "../../i18n/locale";
import { isDecimal, isZeroDecimal, subtractDecimals } from "../../lib/decimal";
import { type Money, parseAmountInput } from "../../lib/money";

/** Why a link, once paid, would not win its deal by itself. */
export type DealValueShortfall = "partial" | "otherCurrency";

/**
 * Whether a link for the typed amount would leave its deal open when paid: less than the deal's value (a deposit,
 * "sinal"), or in another currency than the deal's, which does not count toward it. The deal is won once its paid
 * links add up to its value. Null when the link covers the value, the deal has none (any payment wins it), or the
 * amount is not a number yet.
 */
export function dealValueShortfall(
  link: { amount: string; currency: string },
  deal: Money,
  locale: Locale,
): DealValueShortfall | null {
  if (!isDecimal(deal.amount) || isZeroDecimal(deal.amount)) return null;
  const amount = parseAmountInput(link.amount, locale, link.currency);
  if (amount === null) return null;
  if (link.currency !== deal.currency) return "otherCurrency";
  return subtractDecimals(amount, deal.amount).startsWith("-") ? "partial" : null;
}
