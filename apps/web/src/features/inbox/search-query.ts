/** Quotes a query may be typed in: straight, curly, single or angled (“plano anual”, «plano anual»). */
const quotePairs: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["“", "”"],
  ["'", "'"],
  ["‘", "’"],
  ["«", "»"],
];

/**
 * The search as the results heading shows it, between the message's own quotes: a phrase the user quoted
 * ("plano anual") loses its quotes, or the heading would read “"plano anual"”. Quotes inside are the user's.
 */
export function shownQuery(q: string): string {
  const text = q.trim();
  for (const [open, close] of quotePairs) {
    if (text.length > 2 && text.startsWith(open) && text.endsWith(close)) {
      const inner = text.slice(open.length, -close.length).trim();
      if (inner !== "" && !inner.includes(open) && !inner.includes(close)) return inner;
    }
  }
  return text;
}
