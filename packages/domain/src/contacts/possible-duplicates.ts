import type { Actor } from "../auth/model";
import { brazilianMobileVariants } from "../shared/phone";
import { getContact } from "./contacts";
import type { Contact } from "./model";
import type { ContactsDeps } from "./ports";

/**
 * Why another contact may be the same person: the same name (whatever its accents and letter case), the same
 * phone (a Brazilian mobile with or without its ninth digit), or the same email before the "@" at another
 * domain. No two contacts of an organization share an email or an exact phone (unique indexes on the
 * normalized values), so those are the forms a duplicate takes.
 */
export type DuplicateSignal = "name" | "phone" | "emailLocalPart";

/** Strongest first: the order in which a suggestion's signals are listed. */
export const duplicateSignals: readonly DuplicateSignal[] = ["phone", "name", "emailLocalPart"];

export interface PossibleDuplicate {
  contact: Contact;
  /** At least one; in `duplicateSignals` order. */
  signals: DuplicateSignal[];
}

/** What the store matches other contacts on; the name is matched on the contact's own stored key. */
export interface DuplicateCriteria {
  phones: string[];
  /** Absent for a shared mailbox ("contato@", "vendas@"): the same one at two companies is no one person. */
  emailLocalPart: string | null;
}

export const maxDuplicateSuggestions = 20;
export const defaultDuplicateSuggestions = 5;

/*
 * Role mailboxes a Brazilian (or any) business answers from: "contato@lojaa.com.br" and "contato@lojab.com.br"
 * are two companies, so their local part says nothing about a person.
 */
const roleMailboxes = new Set([
  "admin",
  "adm",
  "administrativo",
  "atendimento",
  "comercial",
  "compras",
  "contact",
  "contato",
  "contabilidade",
  "faleconosco",
  "financeiro",
  "hello",
  "info",
  "marketing",
  "no-reply",
  "noreply",
  "ola",
  "oi",
  "recepcao",
  "rh",
  "sac",
  "sales",
  "suporte",
  "support",
  "vendas",
]);
const minLocalPartLength = 3;

/** The part of an email before the "@", when it can point at one person. */
export function personalLocalPart(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0) return null;
  const local = email.slice(0, at).toLowerCase();
  if (local.length < minLocalPartLength || roleMailboxes.has(local)) return null;
  return local;
}

export function duplicateCriteria(contact: Pick<Contact, "phone" | "email">): DuplicateCriteria {
  return {
    phones: contact.phone ? brazilianMobileVariants(contact.phone) : [],
    emailLocalPart: personalLocalPart(contact.email),
  };
}

/** A candidate's matched signals, strongest first. */
export function signalsOf(matched: Record<DuplicateSignal, boolean>): DuplicateSignal[] {
  return duplicateSignals.filter((signal) => matched[signal]);
}

/**
 * Other contacts of the organization that may be the same person as this one, most signals first. Every
 * reader of contacts may ask: contacts are shared by the whole organization (only conversations are scoped).
 */
export async function findPossibleDuplicates(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  limit = defaultDuplicateSuggestions,
): Promise<PossibleDuplicate[]> {
  const contact = await getContact(deps, actor, id);
  const capped = Math.min(Math.max(1, Math.trunc(limit)), maxDuplicateSuggestions);
  return deps.store.contacts.possibleDuplicates(actor.organizationId, id, duplicateCriteria(contact), capped);
}

/** What deleting a contact takes with it, or leaves behind, for the confirmation to say. */
export interface ContactDeletionImpact {
  /** Deleted with the contact. */
  conversations: number;
  /** The messages of those conversations, deleted with them. */
  messages: number;
  /** Kept, without a contact. */
  deals: number;
  /** Payment links of those deals still awaiting payment: they stay open at the provider. */
  pendingPaymentLinks: number;
}

/** Counted over everything the deletion touches, not only what the reader sees: it deletes all of it. */
export async function contactDeletionImpact(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
): Promise<ContactDeletionImpact> {
  await getContact(deps, actor, id);
  return deps.store.contacts.deletionImpact(actor.organizationId, id);
}
