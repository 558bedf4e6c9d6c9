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

/**
 * Brazil's time zones by the name people know them by, Brasília's first: most organizations pick from these.
 * Brazil keeps no daylight saving time since 2019, so each offset holds all year.
 */
const brazilianZones: ReadonlyArray<{ zone: string; name: string | Record<Locale, string>; offset: string }> =
  [
    {
      zone: "America/Sao_Paulo",
      name: { "pt-BR": "Horário de Brasília (São Paulo)", en: "Brasília time (São Paulo)" },
      offset: "−3",
    },
    { zone: "America/Bahia", name: "Salvador", offset: "−3" },
    { zone: "America/Fortaleza", name: "Fortaleza", offset: "−3" },
    { zone: "America/Recife", name: "Recife", offset: "−3" },
    { zone: "America/Maceio", name: "Maceió", offset: "−3" },
    { zone: "America/Belem", name: "Belém", offset: "−3" },
    { zone: "America/Santarem", name: "Santarém", offset: "−3" },
    { zone: "America/Araguaina", name: "Araguaína", offset: "−3" },
    { zone: "America/Manaus", name: "Manaus", offset: "−4" },
    { zone: "America/Cuiaba", name: "Cuiabá", offset: "−4" },
    { zone: "America/Campo_Grande", name: "Campo Grande", offset: "−4" },
    { zone: "America/Porto_Velho", name: "Porto Velho", offset: "−4" },
    { zone: "America/Boa_Vista", name: "Boa Vista", offset: "−4" },
    { zone: "America/Rio_Branco", name: "Rio Branco", offset: "−5" },
    { zone: "America/Eirunepe", name: "Eirunepé", offset: "−5" },
    { zone: "America/Noronha", name: "Fernando de Noronha", offset: "−2" },
  ];

/**
 * Brazil's zones first, by friendly name and offset ("Manaus · UTC−4"), then every other zone the browser
 * knows by its IANA name. A native select, so typing the first letters of a name jumps to it.
 */
export function timezoneOptions(current: string, locale: Locale): SelectOption[] {
  const brazilian = brazilianZones.map(({ zone, name, offset }) => ({
    value: zone,
    label: `${typeof name === "string" ? name : name[locale]} · UTC${offset}`,
  }));
  const listed = new Set(brazilian.map((option) => option.value));
  const others = new Set(Intl.supportedValuesOf("timeZone"));
  others.add("UTC");
  others.add(current);
  const rest = [...others]
    .filter((zone) => !listed.has(zone))
    .sort()
    .map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
  return [...brazilian, ...rest];
}
