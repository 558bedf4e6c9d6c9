// Deeper than any input schema nests: what lies below fails validation anyway.
const maxDepth = 32;

/** Half of a character: a high surrogate with no low one after it, or a low one with no high one before. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type UnstorableText = "nul" | "lone_surrogate";

export interface UnstorableTextFound {
  /** Where it is: keys and indexes from the input's root ([] for the input itself). */
  path: Array<string | number>;
  problem: UnstorableText;
}

function problemOf(text: string): UnstorableText | undefined {
  if (text.includes("\u0000")) return "nul";
  return loneSurrogate.test(text) ? "lone_surrogate" : undefined;
}

/**
 * The first string (or object key) of a raw input that Postgres refuses in jsonb and text (NUL), or refuses in
 * jsonb and would silently turn into U+FFFD in text (half of a surrogate pair, as a client truncating an emoji
 * sends); undefined when there is none. Runs on every call, so it is one pass allocating nothing until it finds
 * one.
 */
export function findUnstorableText(value: unknown, depth = 0): UnstorableTextFound | undefined {
  if (typeof value === "string") {
    const problem = problemOf(value);
    return problem && { path: [], problem };
  }
  if (typeof value !== "object" || value === null || depth >= maxDepth) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findUnstorableText(value[index], depth + 1);
      if (found) return { path: [index, ...found.path], problem: found.problem };
    }
    return undefined;
  }
  for (const key in value) {
    const problem = problemOf(key);
    if (problem) return { path: [key], problem };
    const found = findUnstorableText((value as Record<string, unknown>)[key], depth + 1);
    if (found) return { path: [key, ...found.path], problem: found.problem };
  }
  return undefined;
}
