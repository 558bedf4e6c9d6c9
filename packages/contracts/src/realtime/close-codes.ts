/**
 * Close codes (with a reason in English) of a `/trpc-ws` connection the server ends itself, besides the
 * WebSocket standard's. A client that gets one should wait before it connects again, not retry at once.
 */
export const realtimeCloseCodes = {
  /** The connection did not authenticate (session cookie or `connectionParams.token`) in time after it opened. */
  authenticationTimeout: 4408,
  /** Too many open connections for this user or API key, or unauthenticated ones from this client address. */
  tooManyConnections: 4429,
} as const;

export const isRefusedConnection = (code: number | undefined): boolean =>
  code === realtimeCloseCodes.authenticationTimeout || code === realtimeCloseCodes.tooManyConnections;
