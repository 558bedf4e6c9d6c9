/**
 * A Retry-After header's wait in whole seconds (at least 1): delta-seconds or an HTTP date
 * (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after). Undefined when absent or unreadable.
 */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.max(1, Number(text));
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(1, Math.ceil((at - now) / 1000));
}
