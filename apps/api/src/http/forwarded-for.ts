/**
 * The client address in an `X-Forwarded-For` header: its last entry, the one the proxy in front of us added
 * for the peer it saw. Entries before it came with the request, so a client could write any address there.
 */
export function forwardedClient(header: string | readonly string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (typeof value !== "string") return undefined;
  const last = value.slice(value.lastIndexOf(",") + 1).trim();
  return last === "" ? undefined : last;
}
