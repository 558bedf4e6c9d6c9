// A NUL escape, and not the "u0000" after an escaped backslash ("\\u0000" is text, not NUL)
const escapedNul = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * `value` as JSON text for a jsonb parameter. Postgres refuses NUL in jsonb, so NUL characters are dropped, as
 * they are from a malformed webhook's raw body: a provider's payload holding one is still stored.
 */
export function jsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes("\\u0000") ? text.replace(escapedNul, "$1") : text;
}
