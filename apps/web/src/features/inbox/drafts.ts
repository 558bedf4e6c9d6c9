/** What the agent typed, per conversation, kept across reloads and tab switches until it is sent. */
const prefix = "crm.inbox.draft.";

type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const defaultStorage = (): DraftStorage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be switched off (private mode, policies): the composer then simply forgets.
    return null;
  }
};

export function loadDraft(conversationId: string, storage = defaultStorage()): string {
  try {
    return storage?.getItem(prefix + conversationId) ?? "";
  } catch {
    return "";
  }
}

export function saveDraft(conversationId: string, text: string, storage = defaultStorage()): void {
  try {
    if (text.trim() === "") storage?.removeItem(prefix + conversationId);
    else storage?.setItem(prefix + conversationId, text);
  } catch {
    // Quota exceeded: the text stays in the composer, only the reload safety is lost.
  }
}

export const clearDraft = (conversationId: string, storage = defaultStorage()): void =>
  saveDraft(conversationId, "", storage);
