import type { CurrencyCode } from "@crm/domain/shared/money";
import type { SelectOption } from "../../components/ui/select-field";
import type { Locale } from "../../i18n/locale";

/**
 * The currencies the API accepts (see the domain's `currencies`), those our first customers sell in first (Latin
 * America), then the common international ones.
 */
export const currencyCodes = [
  "BRL",
  "USD",
  "EUR",
  "ARS",
  "CLP",
  "COP",
  "MXN",
  "PEN",
  "UYU",
  "GBP",
  "JPY",
] as const satisfies readonly CurrencyCode[];

/** Where the browsers' currency names are out of date: Peru's "Nuevo Sol" has been the "Sol" since 2015. */
const currencyNameFixes: Partial<Record<Locale, Partial<Record<string, string>>>> = {
  "pt-BR": { PEN: "Sol peruano" },
};

export function currencyOptions(locale: Locale, current: string): SelectOption[] {
  const names = new Intl.DisplayNames([locale], { type: "currency" });
  const codes: string[] = [...currencyCodes];
  if (!codes.includes(current)) codes.unshift(current);
  return codes.map((code) => ({
    value: code,
    label: `${code} · ${currencyNameFixes[locale]?.[code] ?? names.of(code) ?? code}`,
  }));
}

export function timezoneOptions(current: string): SelectOption[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  return [...zones].sort().map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
}
