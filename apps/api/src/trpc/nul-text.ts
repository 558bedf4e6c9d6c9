// Deeper than any input schema nests: what lies below fails validation anyway.
const maxDepth = 32;

/**
 * The path to the first string (or object key) of a raw input holding U+0000, which Postgres refuses in text
 * and jsonb; undefined when there is none. Runs on every call, so it is one pass allocating nothing until it
 * finds one.
 */
export function findNulText(value: unknown, depth = 0): Array<string | number> | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? [] : undefined;
  if (typeof value !== "object" || value === null || depth >= maxDepth) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const path = findNulText(value[index], depth + 1);
      if (path) return [index, ...path];
    }
    return undefined;
  }
  for (const key in value) {
    if (key.includes("\u0000")) return [key];
    const path = findNulText((value as Record<string, unknown>)[key], depth + 1);
    if (path) return [key, ...path];
  }
  return undefined;
}
