import { DomainError, validationFailed } from "./errors";

/**
 * Why an amount was refused (`details.fieldReasons`), for clients to word it: not a plain decimal, too many
 * integer digits, more decimals than the currency has (`no_decimals` for one without: JPY, CLP), below zero.
 */
export type AmountProblem = "invalid_format" | "too_big" | "too_many_decimals" | "no_decimals" | "negative";

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
}

const defaultMaxIntegerDigits = 30;
const amountPattern = /^(-?)(\d+)(?:\.(\d+))?$/;

export const isCurrencyCode = (value: string): value is CurrencyCode => Object.hasOwn(currencies, value);

/** Accepts any letter case, as providers such as Stripe send "brl". */
export const parseCurrency = (value: string, field = "currency"): CurrencyCode => {
  const code = value.toUpperCase();
  if (!isCurrencyCode(code)) throw validationFailed(field, `Unsupported currency ${value}`);
  return code;
};

const tenTo = (digits: number): bigint => 10n ** BigInt(digits);

interface DecimalParts {
  negative: boolean;
  whole: string;
  fraction: string;
}

const splitDecimal = (amount: string): DecimalParts | undefined => {
  const match = amount.match(amountPattern);
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = ""] = match;
  return { negative: sign === "-", whole: whole.replace(/^0+(?=\d)/, ""), fraction };
};

/** Undefined when the fraction has more digits than the currency, unless they are zeros and allowed. */
const toMinor = (
  parts: DecimalParts,
  currency: CurrencyCode,
  allowZeroPadding = false,
): bigint | undefined => {
  const digits = currencies[currency].minorUnits;
  const excess = parts.fraction.slice(digits);
  if (excess.length > 0 && !(allowZeroPadding && /^0+$/.test(excess))) return undefined;
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
  const parts = splitDecimal(money.amount);
  const minor = parts && toMinor(parts, money.currency);
  if (minor === undefined)
    throw validationFailed("amount", `Invalid ${money.currency} amount ${money.amount}`);
  return minor;
};

/**
 * Validates a decimal string strictly (no exponent, sign "+", spaces or separators, no more decimals than
 * the currency has) and normalizes it: "10" BRL -> "10.00", "007.5" -> "7.50", "-0" -> "0.00".
 */
export const parseMoney = (
  amount: string,
  currency: string,
  field = "value",
  options: ParseMoneyOptions = {},
): Money => {
  const code = parseCurrency(currency);
  const digits = currencies[code].minorUnits;
  const parts = splitDecimal(amount);
  if (!parts) throw amountRefused(field, "invalid_format", "Amount must be a decimal number such as 1234.56");
  const maxDigits = options.maxIntegerDigits ?? defaultMaxIntegerDigits;
  if (parts.whole.length > maxDigits) {
    const largest = `${"9".repeat(maxDigits)}${digits > 0 ? `.${"9".repeat(digits)}` : ""}`;
    throw amountRefused(field, "too_big", `Amount is too large: at most ${largest}`);
  }
  const minor = toMinor(parts, code, options.allowZeroPadding);
  if (minor === undefined) {
    throw amountRefused(
      field,
      digits === 0 ? "no_decimals" : "too_many_decimals",
      decimalsMessage(code, digits),
    );
  }
  if (minor < 0n && !options.allowNegative)
    throw amountRefused(field, "negative", "Amount must not be negative");
  return fromMinorUnits(minor, code);
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
