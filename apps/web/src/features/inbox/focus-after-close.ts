import type { InboxFilters } from "./inbox-filters";

const rowOf = (conversationId: string) =>
  document.querySelector<HTMLElement>(`a[data-conversation-id="${CSS.escape(conversationId)}"]`);

/**
 * The list row that takes focus once a conversation is closed (the Close button goes away with it): its own
 * row when the list shows closed conversations, else the row after it, or before it for the last one. Read
 * before closing, while the row is still listed.
 */
export function rowAfterClose(conversationId: string, filters: InboxFilters): string | undefined {
  const own = rowOf(conversationId);
  if (!own) return undefined;
  if (filters.status === "all" || filters.status === "closed") return conversationId;
  const item = own.closest("li");
  const neighbour = item?.nextElementSibling ?? item?.previousElementSibling;
  return (
    neighbour?.querySelector("a[data-conversation-id]")?.getAttribute("data-conversation-id") ?? undefined
  );
}

/** False when the row is not there or not shown (on a phone the list is hidden behind the open thread). */
export function focusRow(conversationId: string | undefined): boolean {
  const row = conversationId === undefined ? null : rowOf(conversationId);
  if (!row || row.getClientRects().length === 0) return false;
  row.focus();
  return document.activeElement === row;
}
