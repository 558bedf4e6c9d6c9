import type { AmountProblem as ApiAmountProblem } from "@crm/domain/shared/amount-rule";
import { currencies, isCurrencyCode } from "@crm/domain/shared/money";
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

/** The API's limit on an amount: 13 digits before the decimals (DECIMAL(15,2)). */
export const maxAmountIntegerDigits = 13;

/**
 * Why typed text is not an amount the API takes: the API's codes for the same mistakes, found in the same order
 * (the domain's `checkAmount`: "-10,555" is negative before it has too many decimals), and one of the form's own,
 * `otherCurrency`: a currency symbol or code, but not the chosen currency's. `too_many_decimals` is three
 * decimals or more (more than any currency has), `no_decimals` decimals in a currency without cents (JPY, CLP).
 */
export type AmountProblem = Exclude<ApiAmountProblem, "too_small"> | "otherCurrency";

export type AmountReading = { ok: true; amount: string } | { ok: false; problem: AmountProblem };

// Symbols people write that Intl does not give for the currency ("S/ 100" in Peru).
const extraMarks: Readonly<Record<string, readonly string[]>> = { PEN: ["S/"] };

/** What may stand before or after an amount in `currency`: its code and its symbols ("BRL", "R$"; "USD", "US$", "$"). */
function currencyMarks(currency: string, locale: Locale): Set<string> {
  const marks = new Set([currency.toUpperCase(), ...(extraMarks[currency] ?? [])]);
  for (const language of new Set([locale, "en"])) {
    for (const currencyDisplay of ["symbol", "narrowSymbol"] as const) {
      try {
        const parts = new Intl.NumberFormat(language, { style: "currency", currency, currencyDisplay });
        const symbol = parts.formatToParts(1).find((part) => part.type === "currency")?.value;
        if (symbol) marks.add(symbol.toUpperCase());
      } catch {
        // a code Intl does not know: only the code itself marks it
      }
    }
  }
  return marks;
}

/** A currency symbol or the code of a currency we know: "$", "R$", "US$", "€", "S/", "EUR". */
const looksLikeCurrency = (mark: string) =>
  /\p{Sc}/u.test(mark) || isCurrencyCode(mark) || Object.values(extraMarks).flat().includes(mark);

/** The decimals `currency` has (ISO 4217): 0 for JPY and CLP, 2 for most. */
export function currencyDecimals(currency: string): number {
  const code = currency.toUpperCase();
  return isCurrencyCode(code) ? currencies[code].minorUnits : 2;
}

/**
 * Reads an amount typed the way people write it in their locale ("1.234,56" in pt-BR, "1,234.56" in en)
 * into the API's decimal string, exactly (never through a float). A lone separator followed by one or two
 * digits is a decimal point whatever the locale, because "1234.56" typed in pt-BR means cents, not a
 * thousands group. With `currency`, that currency's symbol or code may lead or follow the number
 * ("R$ 1.000,00", "1000 BRL"), and its decimals are checked (none in JPY).
 */
export function readAmountInput(text: string, locale: Locale, currency?: string): AmountReading {
  const trimmed = text.trim();
  // signed only when a number or a currency mark follows: "- 5" and "--5" are not amounts, as the API reads them
  if (/^-[^\s-]/u.test(trimmed)) {
    // a number with a sign is told it is negative first, as the API tells it, rather than what else is wrong
    const unsigned = readAmountInput(trimmed.slice(1), locale, currency);
    // "-0" is zero, as the API reads it
    if (unsigned.ok && isZeroDecimal(unsigned.amount)) return unsigned;
    const number =
      unsigned.ok || (unsigned.problem !== "invalid_format" && unsigned.problem !== "otherCurrency");
    return number ? { ok: false, problem: "negative" } : unsigned;
  }
  const parts = trimmed.match(
    /^([^\d\s.,]*)[\s\u00a0\u202f]*([\d\s\u00a0\u202f.,]*?)[\s\u00a0\u202f]*([^\d\s.,]*)$/u,
  );
  const [, lead = "", number = "", trail = ""] = parts ?? [];
  if (!parts || number === "" || (lead !== "" && trail !== ""))
    return { ok: false, problem: "invalid_format" };
  const mark = (lead || trail).toUpperCase();
  if (mark !== "" && !(currency && currencyMarks(currency, locale).has(mark))) {
    return { ok: false, problem: currency && looksLikeCurrency(mark) ? "otherCurrency" : "invalid_format" };
  }

  const { group, decimal } = separators(locale);
  const compact = number.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return { ok: false, problem: "invalid_format" };
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
    if (!grouped(whole, group)) return { ok: false, problem: "invalid_format" };
    whole = whole.split(group).join("");
  }
  whole = whole.replace(/^0+(?=\d)/, "");
  if (fraction !== "" && !digitsOnly.test(fraction)) return { ok: false, problem: "invalid_format" };
  // the size before the decimals, in the API's order
  if (whole.length > maxAmountIntegerDigits) return { ok: false, problem: "too_big" };
  if (fraction.length > 2) {
    // in a currency without cents, any decimals are the problem to tell
    const noCents = currency !== undefined && currencyDecimals(currency) === 0;
    return { ok: false, problem: noCents ? "no_decimals" : "too_many_decimals" };
  }
  if (currency && fraction.length > currencyDecimals(currency)) {
    // "100,00" in JPY is 100; "100,50" is not an amount in a currency without cents
    const excess = fraction.slice(currencyDecimals(currency));
    if (!/^0+$/.test(excess)) return { ok: false, problem: "no_decimals" };
    fraction = fraction.slice(0, currencyDecimals(currency));
  }
  return { ok: true, amount: fraction === "" ? whole : `${whole}.${fraction}` };
}

/** `readAmountInput`'s amount, or null when the text is not one. */
export function parseAmountInput(text: string, locale: Locale, currency?: string): string | null {
  const reading = readAmountInput(text, locale, currency);
  return reading.ok ? reading.amount : null;
}

/**
 * A decimal string written back for the user to edit, as the app shows amounts in their locale ("1.234,56" in pt-BR,
 * "1,234.56" in en; `readAmountInput` reads it back). Digit by digit: no float on the way.
 */
export function amountForInput(amount: string, locale: Locale): string {
  const { group, decimal } = separators(locale);
  const [whole = "", fraction] = amount.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
  return fraction === undefined ? grouped : `${grouped}${decimal}${fraction}`;
}
