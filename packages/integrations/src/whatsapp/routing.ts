import { asArray, asRecord, asString } from "../shared/json";

const phoneNumberIdOf = (change: unknown): string | undefined =>
  asString(asRecord(asRecord(asRecord(change)?.value)?.metadata)?.phone_number_id);

/**
 * Meta's webhook names no tenant, only the phone number each change is for. Splits a batch by phone number
 * id, each part a payload of the same shape; a batch for one number (the usual case) comes back as it is.
 */
export function splitWhatsAppWebhook(payload: unknown): Map<string, unknown> {
  const root = asRecord(payload);
  const changesById = new Map<string, Map<unknown, unknown[]>>();
  for (const entry of asArray(root?.entry)) {
    for (const change of asArray(asRecord(entry)?.changes)) {
      const id = phoneNumberIdOf(change);
      if (id === undefined) continue;
      const byEntry = changesById.get(id) ?? new Map<unknown, unknown[]>();
      changesById.set(id, byEntry);
      byEntry.set(entry, [...(byEntry.get(entry) ?? []), change]);
    }
  }
  const parts = new Map<string, unknown>();
  if (changesById.size === 1) {
    for (const id of changesById.keys()) parts.set(id, payload);
    return parts;
  }
  for (const [id, byEntry] of changesById) {
    const entry = [...byEntry].map(([original, changes]) => ({ ...asRecord(original), changes }));
    parts.set(id, { ...root, entry });
  }
  return parts;
}
