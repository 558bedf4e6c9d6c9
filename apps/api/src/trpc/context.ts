import { type Actor, authenticate, type CredentialRefusal } from "@crm/domain";
import { serializeClearedSessionCookie, serializeSessionCookie } from "../auth/cookies";
import { requestCredential } from "../auth/request-credential";
import type { Container } from "../container";
import { type ApiKeyRateLimit, apiKeyRateLimited } from "../http/api-key-rate-limit";
import { toTRPCError } from "./errors";

export interface RequestInfo {
  url: string;
  headers: Headers;
  ip: string | undefined;
  requestId: string;
  /** Counted by the `apiKeyRateLimit` middleware for a request made with an API key. */
  apiKeyRateLimit?: ApiKeyRateLimit | undefined;
}

export interface Context {
  container: Container;
  actor: Actor | null;
  /** Why the credential sent proves nothing, when the 401 should say so (see `unauthenticated`). */
  refusedCredential: CredentialRefusal | null;
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
  /** REST's If-Match, for the edits that take `expectedUpdatedAt` (see trpc/preconditions.ts). */
  ifMatch: string | undefined;
  /**
   * The request's Idempotency-Key (http/idempotency.ts answers its retries), for a use case that must know its
   * own retry: a refund held unconfirmed is resumed by the request that made it.
   */
  idempotencyKey: string | undefined;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export async function createContext(
  container: Container,
  request: RequestInfo,
  appendSetCookie: (cookie: string) => void,
): Promise<Context> {
  const { headers } = request;
  const overLimit = apiKeyRateLimited(request.apiKeyRateLimit);
  if (overLimit) throw toTRPCError(overLimit);
  const credential = requestCredential(headers);
  const { actor, refused } = await authenticate(container.auth, credential?.token);
  const secure = container.env.cookieSecure;
  return {
    container,
    actor,
    refusedCredential: refused,
    authVia: actor ? (credential?.via ?? null) : null,
    transport: "http",
    client: {
      ip: request.ip,
      userAgent: headers.get("user-agent") ?? undefined,
      origin: headers.get("origin") ?? undefined,
      selfOrigin: new URL(request.url).origin,
    },
    requestId: request.requestId,
    ifMatch: headers.get("if-match") ?? undefined,
    idempotencyKey: headers.get("idempotency-key") ?? undefined,
    setSessionCookie: (value, expiresAt) => appendSetCookie(serializeSessionCookie(value, expiresAt, secure)),
    clearSessionCookie: () => appendSetCookie(serializeClearedSessionCookie(secure)),
  };
}
