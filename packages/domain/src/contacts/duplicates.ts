import { DomainError, isDomainError } from "../shared/errors";
import type { ContactIdentity, ContactRepository } from "./ports";

export type DuplicateField = "phone" | "email";

export const duplicateContact = (field: DuplicateField, existingId?: string) => {
  const message = `A contact with this ${field} already exists`;
  return new DomainError("CONFLICT", message, {
    fieldErrors: { [field]: [message] },
    ...(existingId === undefined ? {} : { existingId }),
  });
};

/** Which field of the candidate collides with an existing contact, phone first. */
export function findCollision(
  candidate: { phone: string | null; email: string | null },
  existing: readonly ContactIdentity[],
): { field: DuplicateField; id: string } | undefined {
  const byPhone = candidate.phone ? existing.find((c) => c.phone === candidate.phone) : undefined;
  if (byPhone) return { field: "phone", id: byPhone.id };
  const byEmail = candidate.email ? existing.find((c) => c.email === candidate.email) : undefined;
  if (byEmail) return { field: "email", id: byEmail.id };
  return undefined;
}

/** Throws CONFLICT with the existing contact's id when the phone or email is taken by another contact. */
export async function assertNoDuplicate(
  contacts: Pick<ContactRepository, "findByIdentities">,
  organizationId: string,
  candidate: { phone: string | null; email: string | null },
  exceptId?: string,
): Promise<void> {
  const phones = candidate.phone ? [candidate.phone] : [];
  const emails = candidate.email ? [candidate.email] : [];
  if (phones.length === 0 && emails.length === 0) return;
  const existing = await contacts.findByIdentities(organizationId, { phones, emails }, exceptId);
  const collision = findCollision(candidate, existing);
  if (collision) throw duplicateContact(collision.field, collision.id);
}

/**
 * A unique index caught a duplicate that a concurrent request wrote after our check. The database aborted
 * that transaction, so the existing contact is looked up afterwards, outside it.
 */
export async function withDuplicateId<T>(
  contacts: Pick<ContactRepository, "findByIdentities">,
  organizationId: string,
  candidate: { phone: string | null; email: string | null },
  exceptId: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDomainError(error) && error.code === "CONFLICT" && error.details?.existingId === undefined) {
      const field = Object.keys(error.details?.fieldErrors ?? {})[0];
      if (field === "phone" || field === "email") {
        const value = candidate[field];
        const phones = field === "phone" && value ? [value] : [];
        const emails = field === "email" && value ? [value] : [];
        const [existing] = await contacts.findByIdentities(organizationId, { phones, emails }, exceptId);
        throw duplicateContact(field, existing?.id);
      }
    }
    throw error;
  }
}
