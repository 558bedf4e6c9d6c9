import type { en } from "./en";
import type { Locale } from "./locale";

export type MessageKey = keyof typeof en;

/**
 * A message that depends on a number is a family of forms, `key.one`, `key.other` and so on, named by the
 * categories of `Intl.PluralRules`. A language may add the forms its grammar needs beyond English's, and a
 * `key.zero` form is used for exactly 0 in any language (Portuguese rules put 0 with 1: "0 negócio").
 */
type PluralCategory = Intl.LDMLPluralRule;
type FamilyOf<K> = K extends `${infer Family}.other` ? Family : never;
/** What screens call a plural message by: `t("deals.chart.barLabel", { value, count })`. */
export type PluralKey = FamilyOf<MessageKey>;
type PluralFormKey = `${PluralKey}.${PluralCategory}`;
type SingleKey = Exclude<MessageKey, PluralFormKey>;

/** A language's messages for (part of) the English dictionary: the same keys, and any extra plural forms. */
export type TranslationOf<D> = { readonly [K in keyof D]: string } & {
  readonly [K in Exclude<`${FamilyOf<keyof D>}.${PluralCategory}`, keyof D>]?: string;
};
export type Messages = TranslationOf<typeof en>;

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a message needs, read from its `{placeholder}`s in the English dictionary. */
export type MessageParams<K extends MessageKey> = { [P in Placeholders<(typeof en)[K]>]: string | number };

/** A plural message needs the count that picks its form, and the placeholders of its `other` form. */
export type PluralParams<K extends PluralKey> = MessageParams<Extract<`${K}.other`, MessageKey>> & {
  count: number;
};

/** Keys whose message needs no values: these can be stored in tables and passed around as data. */
export type PlainMessageKey = {
  [K in SingleKey]: Placeholders<(typeof en)[K]> extends never ? K : never;
}[SingleKey];

export interface Translate {
  (key: PlainMessageKey): string;
  <K extends Exclude<SingleKey, PlainMessageKey>>(key: K, params: MessageParams<K>): string;
  <K extends PluralKey>(key: K, params: PluralParams<K>): string;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralRulesOf(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

/** The form of a plural family for `count`; undefined when `key` names no family. */
function pluralForm(messages: Messages, key: string, count: number, locale: Locale): string | undefined {
  const forms: Readonly<Record<string, string | undefined>> = messages;
  if (forms[`${key}.other`] === undefined) return undefined;
  return (
    (count === 0 ? forms[`${key}.zero`] : undefined) ??
    forms[`${key}.${pluralRulesOf(locale).select(count)}`] ??
    forms[`${key}.other`]
  );
}

/** `locale` is the language of `messages`: its plural rules pick the form of a plural message. */
export function translate(
  messages: Messages,
  key: MessageKey | PluralKey,
  params?: Record<string, string | number>,
  locale: Locale = "en",
): string {
  const count = params?.count;
  const template =
    (typeof count === "number" ? pluralForm(messages, key, count, locale) : undefined) ??
    (messages as Readonly<Record<string, string | undefined>>)[key] ??
    key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
