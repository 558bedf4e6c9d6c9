import { type AmountProblem, checkAmount, type DecimalParts } from "./amount-rule";
import { DomainError, validationFailed } from "./errors";

export { type AmountProblem, amountProblems } from "./amount-rule";

const amountRefused = (field: string, reason: AmountProblem, message: string) =>
  new DomainError("VALIDATION_FAILED", message, {
    fieldErrors: { [field]: [message] },
    fieldReasons: { [field]: reason },
  });

/** What an amount with more decimals than its currency has is told: the rule, and an amount that follows it. */
const decimalsMessage = (code: CurrencyCode, digits: number): string =>
  digits === 0
    ? `${code} amounts have no decimal places: write a whole amount, such as 1500`
    : `Amount has more than ${digits} decimal places: write at most ${digits}, such as 1500.${"5".padEnd(digits, "0")}`;

/** The currencies we accept, with their ISO 4217 minor-unit digits. */
export const currencies = {
  ARS: { minorUnits: 2 },
  BRL: { minorUnits: 2 },
  CLP: { minorUnits: 0 },
  COP: { minorUnits: 2 },
  EUR: { minorUnits: 2 },
  GBP: { minorUnits: 2 },
  JPY: { minorUnits: 0 },
  MXN: { minorUnits: 2 },
  PEN: { minorUnits: 2 },
  USD: { minorUnits: 2 },
  UYU: { minorUnits: 2 },
} as const satisfies Record<string, { minorUnits: number }>;

export type CurrencyCode = keyof typeof currencies;

/** `amount` is a decimal string with exactly the currency's minor-unit digits, e.g. "10.00" BRL, "500" JPY. */
export interface Money {
  amount: string;
  currency: CurrencyCode;
}

export interface ParseMoneyOptions {
  allowNegative?: boolean;
  /** Bounds the input; a database column may hold fewer (DECIMAL(15,2) holds 13). Default 30. */
  maxIntegerDigits?: number;
  /** Accepts extra decimals that are all zeros, as Postgres prints a JPY amount in DECIMAL(15,2): "500.00". */
  allowZeroPadding?: boolean;
  /** Refuses zero (`too_small`), as a payment and a refund do. */
  positive?: boolean;
}

const defaultMaxIntegerDigits = 30;

export const isCurrencyCode = (value: string): value is CurrencyCode => Object.hasOwn(currencies, value);

/** Accepts any letter case, as providers such as Stripe send "brl". */
export const parseCurrency = (value: string, field = "currency"): CurrencyCode => {
  const code = value.toUpperCase();
  if (!isCurrencyCode(code)) throw validationFailed(field, `Unsupported currency ${value}`);
  return code;
};

const tenTo = (digits: number): bigint => 10n ** BigInt(digits);

/** Parts `checkAmount` passed: decimals beyond the currency's are zero padding. */
const toMinor = (parts: DecimalParts, currency: CurrencyCode): bigint => {
  const digits = currencies[currency].minorUnits;
  const fraction = parts.fraction.slice(0, digits).padEnd(digits, "0");
  const minor = BigInt(parts.whole) * tenTo(digits) + BigInt(fraction || "0");
  return parts.negative ? -minor : minor;
};

export const fromMinorUnits = (minor: bigint, currency: CurrencyCode): Money => {
  const digits = currencies[currency].minorUnits;
  const magnitude = minor < 0n ? -minor : minor;
  const whole = (magnitude / tenTo(digits)).toString();
  const fraction = (magnitude % tenTo(digits)).toString().padStart(digits, "0");
  const sign = minor < 0n ? "-" : "";
  return { amount: digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction}`, currency };
};

/** Exact: 1234.56 BRL -> 123456n. Throws on an amount that `parseMoney` would reject. */
export const toMinorUnits = (money: Money): bigint => {
  const checked = checkAmount(money.amount, {
    decimals: currencies[money.currency].minorUnits,
    maxIntegerDigits: Number.POSITIVE_INFINITY,
    allowNegative: true,
  });
  if (!checked.ok) throw validationFailed("amount", `Invalid ${money.currency} amount ${money.amount}`);
  return toMinor(checked.parts, money.currency);
};

/** What a refused amount is told, by the rule it breaks (see `checkAmount` for their order). */
function amountMessage(reason: AmountProblem, code: CurrencyCode, maxDigits: number): string {
  const digits = currencies[code].minorUnits;
  switch (reason) {
    case "invalid_format":
      return "Amount must be a decimal number such as 1234.56";
    case "negative":
      return "Amount must not be negative";
    case "too_big":
      return `Amount is too large: at most ${"9".repeat(maxDigits)}${digits > 0 ? `.${"9".repeat(digits)}` : ""}`;
    case "too_many_decimals":
    case "no_decimals":
      return decimalsMessage(code, digits);
    case "too_small":
      return "Must be greater than zero";
  }
}

/**
 * Validates a decimal string strictly (no exponent, sign "+", spaces or separators, no more decimals than
 * the currency has) and normalizes it: "10" BRL -> "10.00", "007.5" -> "7.50", "-0" -> "0.00". A refusal names
 * the first rule broken, in `checkAmount`'s order: "-10.555" is `negative`.
 */
export const parseMoney = (
  amount: string,
  currency: string,
  field = "value",
  options: ParseMoneyOptions = {},
): Money => {
  const code = parseCurrency(currency);
  const maxDigits = options.maxIntegerDigits ?? defaultMaxIntegerDigits;
  const checked = checkAmount(amount, {
    decimals: currencies[code].minorUnits,
    maxIntegerDigits: maxDigits,
    allowNegative: options.allowNegative,
    allowZeroPadding: options.allowZeroPadding,
    positive: options.positive,
  });
  if (!checked.ok) throw amountRefused(field, checked.reason, amountMessage(checked.reason, code, maxDigits));
  return fromMinorUnits(toMinor(checked.parts, code), code);
};

const assertSameCurrency = (a: Money, b: Money): void => {
  if (a.currency !== b.currency) {
    throw new DomainError("UNPROCESSABLE", `Cannot combine ${a.currency} and ${b.currency}`, {
      currencies: [a.currency, b.currency],
    });
  }
};

export const addMoney = (a: Money, b: Money): Money => {
  assertSameCurrency(a, b);
  return fromMinorUnits(toMinorUnits(a) + toMinorUnits(b), a.currency);
};

/** -1, 0 or 1, for sorting; throws when the currencies differ. */
export const compareMoney = (a: Money, b: Money): -1 | 0 | 1 => {
  assertSameCurrency(a, b);
  const difference = toMinorUnits(a) - toMinorUnits(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
};

/** One total per currency, in the order each currency first appears. */
export const sumByCurrency = (list: readonly Money[]): Money[] => {
  const totals = new Map<CurrencyCode, bigint>();
  for (const money of list) {
    totals.set(money.currency, (totals.get(money.currency) ?? 0n) + toMinorUnits(money));
  }
  return [...totals].map(([currency, minor]) => fromMinorUnits(minor, currency));
};
