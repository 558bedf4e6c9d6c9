import { readNumberText } from "@crm/domain/contacts/number-text";
import type { Locale } from "../../i18n/locale";
import { separators } from "../../lib/money";

const plainDecimal = /^-?\d+(\.\d+)?$/;

/**
 * Reads a number the way the server reads number text (CSV import, list filters): "1.234,56" and
 * "1,234.56" alike. What the server refuses as ambiguous ("1.500", "12,500") is read in the form's
 * locale instead, since someone typing in a pt-BR form writes pt-BR. Null when it is not a number.
 */
export function readLocaleNumber(text: string, locale: Locale): number | null {
  const read = readNumberText(text);
  if (read === undefined) return null;
  const value = read.ok ? read.value : inLocale(text.trim(), locale);
  return Number.isFinite(value) ? value : null;
}

/** "1.500" or "12,500": one separator, a thousands group in one convention and a decimal point in the other. */
function inLocale(ambiguous: string, locale: Locale): number {
  const separator = ambiguous.includes(",") ? "," : ".";
  return Number(
    separator === separators(locale).group
      ? ambiguous.replace(separator, "")
      : ambiguous.replace(separator, "."),
  );
}

/** A number as locale-free text ("1234.56", never "1e-7"), which is what a number field's draft holds. */
export const numberDraft = (value: number): string =>
  value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });

/** A number draft back to a number; null for text that is not one. */
export const numberFromDraft = (draft: string): number | null =>
  plainDecimal.test(draft) ? Number(draft) : null;

/**
 * What the user typed, as the draft to keep: the number it means in their locale, or the text itself when
 * it is none (saving then reports it).
 */
export function numberDraftFromText(text: string, locale: Locale): string {
  const value = readLocaleNumber(text, locale);
  return value === null ? text : numberDraft(value);
}

/** A draft as the user reads it in their locale: "1.234,56" in pt-BR, "1,234.56" in en. */
export function numberTextForInput(draft: string, locale: Locale): string {
  const value = numberFromDraft(draft);
  return value === null ? draft : new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(value);
}
