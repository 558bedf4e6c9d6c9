import { shownQuery } from "./search-query";

/** The contacts search accepts up to 100 characters; the message search up to 200. */
const maxContactSearch = 100;
const minContactSearch = 2;
export const contactMatchLimit = 5;

/**
 * What the inbox search asks the contacts for, or undefined when it should not ask: a single character matches
 * half the customers and helps nobody. A phrase typed in quotes for the message search looks for the words
 * inside. Phone punctuation is left as typed: the contacts search keeps only the digits of a phone-like search.
 */
export function contactSearchTerm(q: string | undefined): string | undefined {
  if (q === undefined) return undefined;
  const text = shownQuery(q).slice(0, maxContactSearch).trim();
  return [...text].length >= minContactSearch ? text : undefined;
}

/**
 * Where a key moves the focus among `count` results (contacts, then messages), from `current` (-1: the search
 * box). Up from the first result goes back to the search box; undefined: the key is not ours.
 */
export function nextResultIndex(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case "ArrowDown":
      return Math.min(current + 1, count - 1);
    case "ArrowUp":
      return current <= 0 ? -1 : current - 1;
    case "Home":
      return current === -1 ? undefined : 0;
    case "End":
      return current === -1 ? undefined : count - 1;
    default:
      return undefined;
  }
}
