import type { KeyboardEvent } from "react";
import { nextResultIndex } from "./contact-search";

/** What the arrow keys stop on in the search results (set in the markup): contacts first, then messages. */
const searchResultAttribute = "data-search-result";

/**
 * For the inbox's list column: from the search box or a result, the arrow keys move across the contacts and the
 * messages as one list (Enter then opens the focused one, as any link or button). Keys typed elsewhere in the
 * column (a filter, the order toggle) are left alone.
 */
export function moveThroughSearchResults(event: KeyboardEvent<HTMLElement>): void {
  const column = event.currentTarget;
  const box = column.querySelector<HTMLInputElement>('input[type="search"]');
  const items = [...column.querySelectorAll<HTMLElement>(`[${searchResultAttribute}]`)];
  const active = event.target;
  const current = active === box ? -1 : items.indexOf(active as HTMLElement);
  if (current === -1 && active !== box) return;
  const next = nextResultIndex(event.key, current, items.length);
  if (next === undefined) return;
  event.preventDefault();
  (next === -1 ? box : items[next])?.focus();
}
