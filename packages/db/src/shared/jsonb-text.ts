// Escapes JSON.stringify writes that jsonb refuses, and not the same letters after an escaped backslash ("\\u0000"
// is text): NUL, and a lone surrogate (JSON.stringify escapes only unpaired ones, so every such escape is one).
const escapedNul = /(?<!\\)((?:\\\\)*)\\u0000/g;
const escapedSurrogate = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

/**
 * `value` as JSON text for a jsonb parameter. Postgres refuses NUL and unpaired surrogates (half of an emoji, as
 * a provider's payload may hold one) in jsonb: NUL characters are dropped, as they are from a malformed webhook's
 * raw body, and a lone surrogate becomes U+FFFD, so the payload is still stored.
 */
export function jsonbText(value: unknown): string {
  let text = JSON.stringify(value);
  if (text.includes("\\u0000")) text = text.replace(escapedNul, "$1");
  if (text.includes("\\ud")) text = text.replace(escapedSurrogate, "$1\\ufffd");
  return text;
}
