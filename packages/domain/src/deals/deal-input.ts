import { validationFailed } from "../shared/errors";
import { currencies, isCurrencyCode, type Money, parseCurrency, parseMoney } from "../shared/money";

/** deals.value is DECIMAL(15,2): 13 integer digits. */
export const dealValueIntegerDigits = 13;
export const maxDealTitleLength = 200;

export interface DealValueInput {
  amount: string;
  currency?: string | undefined;
}

/** Validates a deal's value; without a currency it is in `fallbackCurrency`. */
export function parseDealValue(input: DealValueInput, fallbackCurrency: string, field = "value"): Money {
  const currency = parseCurrency(input.currency ?? fallbackCurrency, `${field}.currency`);
  return parseMoney(input.amount, currency, `${field}.amount`, { maxIntegerDigits: dealValueIntegerDigits });
}

/** How Postgres prints DECIMAL(15,2), which is already the normal form of a two-decimal currency's amount. */
const printedWithTwoDecimals = /^-?(?:0|[1-9]\d*)\.\d\d$/;

/**
 * Reads an amount as Postgres prints a DECIMAL column ("500.00" for JPY). An amount already in normal form is
 * taken as it is: a board reads a hundred values, and parsing each through bigints was a tenth of its CPU.
 */
export const storedDealValue = (amount: string, currency: string): Money =>
  isCurrencyCode(currency) &&
  currencies[currency].minorUnits === 2 &&
  printedWithTwoDecimals.test(amount) &&
  amount !== "-0.00"
    ? { amount, currency }
    : parseMoney(amount, currency, "value", { allowZeroPadding: true, allowNegative: true });

export function requiredText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw validationFailed(field, `${field} is required`);
  if (trimmed.length > max) throw validationFailed(field, `${field} must have at most ${max} characters`);
  return trimmed;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date "YYYY-MM-DD" that exists (no 2025-02-30). */
export function parseCalendarDate(value: string, field: string): string {
  const match = value.match(datePattern);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw validationFailed(field, `${field} must be a date such as 2025-12-31`);
  }
  return value;
}
