import type { Locale } from "../i18n/locale";
import { addDecimals, isZeroDecimal, subtractDecimals } from "./decimal";

/** An amount as the API sends it: a decimal string and its ISO 4217 currency. */
export interface Money {
  amount: string;
  currency: string;
}

/** "R$ 1.234,56" in pt-BR, "$1,234.56" in en: the user's locale decides, the currency decides the symbol. */
export function formatMoney(money: Money, locale: Locale): string {
  try {
    // A numeric string is formatted exactly (Intl.NumberFormat v3), with no float rounding on the way.
    return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency }).format(
      money.amount as `${number}`,
    );
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}

/** Adds a value to the totals of its own currency; different currencies are never added together. */
export function addToTotals(totals: readonly Money[], value: Money): Money[] {
  const existing = totals.find((total) => total.currency === value.currency);
  if (!existing) return [...totals, { ...value }];
  return totals.map((total) =>
    total === existing ? { ...total, amount: addDecimals(total.amount, value.amount) } : total,
  );
}

/** Takes a value out of its currency's total; a currency left at zero is dropped, like the API does. */
export function removeFromTotals(totals: readonly Money[], value: Money): Money[] {
  return totals.flatMap((total) => {
    if (total.currency !== value.currency) return [total];
    const amount = subtractDecimals(total.amount, value.amount);
    return isZeroDecimal(amount) ? [] : [{ ...total, amount }];
  });
}

export const totalsByCurrency = (values: readonly Money[]): Money[] =>
  values.reduce<Money[]>((totals, value) => addToTotals(totals, value), []);

/** The locale's thousands and decimal separators ("." and "," in pt-BR). */
export function separators(locale: Locale): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((part) => part.type === "group")?.value ?? ",",
    decimal: parts.find((part) => part.type === "decimal")?.value ?? ".",
  };
}

const digitsOnly = /^\d+$/;
const grouped = (text: string, group: string) =>
  text.split(group).every((chunk, index) => (index === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(chunk));

/**
 * Reads an amount typed the way people write it in their locale ("1.234,56" in pt-BR, "1,234.56" in en)
 * into the API's decimal string. A lone separator followed by one or two digits is a decimal point
 * whatever the locale, because "1234.56" typed in pt-BR means cents, not a thousands group. Null when it
 * is not a non-negative amount with at most two decimals.
 */
export function parseAmountInput(text: string, locale: Locale): string | null {
  const { group, decimal } = separators(locale);
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return null;
  const other = decimal === "," ? "." : ",";
  let whole = compact;
  let fraction = "";
  const decimalAt = compact.lastIndexOf(decimal);
  if (decimalAt >= 0) {
    whole = compact.slice(0, decimalAt);
    fraction = compact.slice(decimalAt + 1);
  } else {
    const otherAt = compact.lastIndexOf(other);
    const tail = otherAt >= 0 ? compact.slice(otherAt + 1) : "";
    if (otherAt >= 0 && compact.indexOf(other) === otherAt && /^\d{1,2}$/.test(tail)) {
      whole = compact.slice(0, otherAt);
      fraction = tail;
    }
  }
  if (whole === "") whole = "0";
  if (!digitsOnly.test(whole)) {
    if (!grouped(whole, group)) return null;
    whole = whole.split(group).join("");
  }
  whole = whole.replace(/^0+(?=\d)/, "");
  if (whole.length > 13 || (fraction !== "" && !/^\d{1,2}$/.test(fraction))) return null;
  return fraction === "" ? whole : `${whole}.${fraction}`;
}

/** A decimal string as the user would type it back in their locale: "1234,56" in pt-BR. */
export function amountForInput(amount: string, locale: Locale): string {
  return amount.replace(".", separators(locale).decimal);
}
