import type { SelectOption } from "../../components/ui/select-field";
import type { Locale } from "../../i18n/locale";

/** Currencies our first customers sell in (Latin America first), then the common international ones. */
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
  "PYG",
  "GBP",
  "CAD",
  "AUD",
  "JPY",
] as const;

export function currencyOptions(locale: Locale, current: string): SelectOption[] {
  const names = new Intl.DisplayNames([locale], { type: "currency" });
  const codes: string[] = [...currencyCodes];
  if (!codes.includes(current)) codes.unshift(current);
  return codes.map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` }));
}

export function timezoneOptions(current: string): SelectOption[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  return [...zones].sort().map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
}
