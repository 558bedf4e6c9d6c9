import { passwordMaxLength, passwordMinLength, slugPattern } from "@crm/domain/auth/policy";
import type { Locale } from "../i18n/locale";
import type { PlainMessageKey } from "../i18n/translate";
import { type AmountProblem, readAmountInput } from "./money";

/**
 * A check on one field's raw input (and the form's other values, for checks that depend on them): the message
 * to show, or null when the value is fine.
 */
export type Rule = (value: string, values?: Readonly<Record<string, string>>) => PlainMessageKey | null;

export const required: Rule = (value) => (value.trim() === "" ? "errors.field.required" : null);

// Deliberately loose: the server is the judge; this only catches typos before a round trip.
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const email: Rule = (value) => (emailShape.test(value.trim()) ? null : "errors.field.email");

export const password: Rule = (value) =>
  value.length < passwordMinLength || value.length > passwordMaxLength || value.trim() === ""
    ? "errors.field.password"
    : null;

export const slug: Rule = (value) => (slugPattern.test(value) ? null : "errors.field.slug");

export const minRetentionDays = 30;
export const maxRetentionDays = 3650;

export const retentionDays: Rule = (value) => {
  const days = Number(value);
  return /^\d+$/.test(value.trim()) && days >= minRetentionDays && days <= maxRetentionDays
    ? null
    : "errors.field.retentionDays";
};

const amountMessages: Record<AmountProblem, PlainMessageKey> = {
  invalid_format: "errors.field.amount",
  negative: "errors.field.amountNegative",
  too_many_decimals: "errors.field.amountDecimals",
  too_big: "errors.field.amountTooLarge",
  no_decimals: "errors.field.amountNoCents",
  otherCurrency: "errors.field.amountOtherCurrency",
};

/** An amount in the currency the form's `currencyField` names ("R$ 1.500,00" is fine when that is BRL). */
export const amountIn =
  (locale: Locale, currencyField: string): Rule =>
  (value, values) => {
    const reading = readAmountInput(value, locale, values?.[currencyField]);
    return reading.ok ? null : amountMessages[reading.problem];
  };

export type FieldErrors<F extends string> = Partial<Record<F, PlainMessageKey>>;

/** Runs each field's rules in order and keeps the first problem per field. */
export function validate<F extends string>(
  values: Record<F, string>,
  rules: Partial<Record<F, readonly Rule[]>>,
): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const field of Object.keys(rules) as F[]) {
    for (const rule of rules[field] ?? []) {
      const problem = rule(values[field], values);
      if (problem) {
        errors[field] = problem;
        break;
      }
    }
  }
  return errors;
}

export const hasErrors = (errors: Partial<Record<string, PlainMessageKey>>): boolean =>
  Object.values(errors).some((problem) => problem !== undefined);
