export interface SnippetPart {
  text: string;
  match: boolean;
  /** Where the part starts in the snippet: a stable key. */
  at: number;
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };

const decode = (html: string) =>
  html.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => entities[name] ?? "");

/**
 * The search API's snippet is HTML (the text escaped, matches in <b></b>). It is split into text parts rather
 * than injected, so nothing in a customer's message can ever become markup.
 */
export function parseSnippet(html: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const pattern = /<b>([\s\S]*?)<\/b>/g;
  let last = 0;
  for (const found of html.matchAll(pattern)) {
    const index = found.index ?? 0;
    if (index > last) parts.push({ text: decode(html.slice(last, index)), match: false, at: last });
    parts.push({ text: decode(found[1] ?? ""), match: true, at: index });
    last = index + found[0].length;
  }
  if (last < html.length) parts.push({ text: decode(html.slice(last)), match: false, at: last });
  return parts.filter((part) => part.text !== "");
}
