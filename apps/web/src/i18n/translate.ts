import type { en } from "./en";

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: string };

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a message needs, read from its `{placeholder}`s in the English dictionary. */
export type MessageParams<K extends MessageKey> = { [P in Placeholders<(typeof en)[K]>]: string | number };

/** Keys whose message needs no values: these can be stored in tables and passed around as data. */
export type PlainMessageKey = {
  [K in MessageKey]: Placeholders<(typeof en)[K]> extends never ? K : never;
}[MessageKey];

export interface Translate {
  (key: PlainMessageKey): string;
  <K extends Exclude<MessageKey, PlainMessageKey>>(key: K, params: MessageParams<K>): string;
}

export function translate(
  messages: Messages,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const template = messages[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
