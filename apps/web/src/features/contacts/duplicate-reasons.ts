import type { PlainMessageKey } from "../../i18n/translate";

/** Why the API suggests a contact as a duplicate (see GET /contacts/{id}/duplicates). */
export type DuplicateSignal = "name" | "phone" | "emailLocalPart";

const reasonKeys: Record<DuplicateSignal, PlainMessageKey> = {
  name: "contacts.merge.reason.name",
  phone: "contacts.merge.reason.phone",
  emailLocalPart: "contacts.merge.reason.emailLocalPart",
};

/** The reasons to show, in the API's order (strongest first), once each; a signal this app does not know is left out. */
export function duplicateReasons(signals: readonly string[]): PlainMessageKey[] {
  const keys: PlainMessageKey[] = [];
  for (const signal of signals) {
    const key = (reasonKeys as Partial<Record<string, PlainMessageKey>>)[signal];
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys;
}
