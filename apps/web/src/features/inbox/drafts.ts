/** What the agent typed, per conversation, kept across reloads and tab switches until it is sent. */
export interface Draft {
  text: string;
  /** A private note: it must come back as one, never as a reply the customer would receive. */
  isPrivate: boolean;
}

/** Drafts with their kind, as JSON. */
const prefix = "crm.inbox.draft.v2.";
/**
 * Drafts saved before they said whether they were a note: text only. They may hold an internal note, so they
 * come back as notes; the agent unticks the box to send one to the customer.
 */
const textOnlyPrefix = "crm.inbox.draft.";

type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const empty: Draft = { text: "", isPrivate: false };

const defaultStorage = (): DraftStorage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be switched off (private mode, policies): the composer then simply forgets.
    return null;
  }
};

function parse(stored: string): Draft | null {
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== "object" || value === null) return null;
    const { text, isPrivate } = value as Record<string, unknown>;
    // anything not plainly a reply is kept as a note: a note shown as a note costs a click, the other way a leak
    return typeof text === "string" ? { text, isPrivate: isPrivate !== false } : null;
  } catch {
    return null;
  }
}

export function loadDraft(conversationId: string, storage = defaultStorage()): Draft {
  try {
    const stored = storage?.getItem(prefix + conversationId);
    if (stored != null) return parse(stored) ?? empty;
    const textOnly = storage?.getItem(textOnlyPrefix + conversationId);
    return textOnly ? { text: textOnly, isPrivate: true } : empty;
  } catch {
    return empty;
  }
}

export function saveDraft(conversationId: string, draft: Draft, storage = defaultStorage()): void {
  try {
    storage?.removeItem(textOnlyPrefix + conversationId);
    if (draft.text.trim() === "") storage?.removeItem(prefix + conversationId);
    else storage?.setItem(prefix + conversationId, JSON.stringify(draft));
  } catch {
    // Quota exceeded: the text stays in the composer, only the reload safety is lost.
  }
}

export const clearDraft = (conversationId: string, storage = defaultStorage()): void =>
  saveDraft(conversationId, empty, storage);

/** Puts back a draft set aside for a send that failed, unless the agent has written another one since. */
export function restoreDraft(conversationId: string, draft: Draft, storage = defaultStorage()): void {
  if (loadDraft(conversationId, storage).text.trim() === "") saveDraft(conversationId, draft, storage);
}
