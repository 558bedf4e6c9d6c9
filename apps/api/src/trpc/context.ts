import { type Actor, authenticateApiKey, authenticateSession, looksLikeApiKey } from "@crm/domain";
import { readSessionCookie, serializeClearedSessionCookie, serializeSessionCookie } from "../auth/cookies";
import type { Container } from "../container";

export interface RequestInfo {
  url: string;
  headers: Headers;
  ip: string | undefined;
  requestId: string;
}

export interface Context {
  container: Container;
  actor: Actor | null;
  /** How the caller authenticated: cookie-authenticated mutations must come from an allowed Origin. */
  authVia: "cookie" | "bearer" | null;
  /** A WebSocket's actor was read when it connected: over it only subscriptions, which re-read it, are served. */
  transport: "http" | "websocket";
  client: {
    ip: string | undefined;
    userAgent: string | undefined;
    origin: string | undefined;
    selfOrigin: string;
  };
  requestId: string;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export async function createContext(
  container: Container,
  request: RequestInfo,
  appendSetCookie: (cookie: string) => void,
): Promise<Context> {
  const { headers } = request;
  const bearer = headers
    .get("authorization")
    ?.match(/^Bearer\s+(.+)$/i)?.[1]
    ?.trim();
  const cookieToken = readSessionCookie(headers.get("cookie"));
  const token = bearer ?? cookieToken;
  let actor: Actor | null = null;
  if (token) {
    actor =
      (looksLikeApiKey(token)
        ? await authenticateApiKey(container.auth, token)
        : await authenticateSession(container.auth, token)) ?? null;
  }
  const secure = container.env.cookieSecure;
  return {
    container,
    actor,
    authVia: actor ? (bearer ? "bearer" : "cookie") : null,
    transport: "http",
    client: {
      ip: request.ip,
      userAgent: headers.get("user-agent") ?? undefined,
      origin: headers.get("origin") ?? undefined,
      selfOrigin: new URL(request.url).origin,
    },
    requestId: request.requestId,
    setSessionCookie: (value, expiresAt) => appendSetCookie(serializeSessionCookie(value, expiresAt, secure)),
    clearSessionCookie: () => appendSetCookie(serializeClearedSessionCookie(secure)),
  };
}
