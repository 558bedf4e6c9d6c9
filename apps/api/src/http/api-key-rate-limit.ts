import { authenticateApiKey, DomainError, looksLikeApiKey, type RateLimitResult } from "@crm/domain";
import type { MiddlewareHandler } from "hono";
import { requestCredential } from "../auth/request-credential";
import type { Container } from "../container";

/** Where a request made with an API key stands against the key's limit. */
export interface ApiKeyRateLimit extends RateLimitResult {
  limit: number;
}

declare module "hono" {
  interface ContextVariableMap {
    /** Set for a request with a valid API key; `createContext` refuses it when not `allowed`. */
    apiKeyRateLimit: ApiKeyRateLimit | undefined;
  }
}

const windowSeconds = 60;

/**
 * Counts each request made with an API key against the key's limit per minute, once per request (a tRPC
 * batch is one request), and tells the client where it stands in the RateLimit-* headers of the IETF draft
 * on every answer. The 429 itself is `createContext`'s, so each protocol words it like its other errors.
 * Signed-in users are not counted: their sessions have protections of their own.
 */
export function apiKeyRateLimit(container: Container): MiddlewareHandler {
  const limit = container.env.API_KEY_RATE_LIMIT_PER_MINUTE;
  return async (c, next) => {
    // the credential createContext will read: an API key sent in the session cookie counts as well
    const token = requestCredential(c.req.raw.headers)?.token;
    // an unknown key is counted nowhere: its request is refused with a 401 anyway
    const actor =
      token && looksLikeApiKey(token) ? await authenticateApiKey(container.auth, token) : undefined;
    if (actor?.kind !== "apiKey") return next();

    let result: RateLimitResult;
    try {
      result = await container.rateLimiter.consume(`apikey:${actor.apiKeyId}`, limit, windowSeconds);
    } catch (err) {
      // a limiter that cannot count (Redis away) must not take every integration down with it
      container.logger.warn({ err, requestId: c.get("requestId") }, "API key rate limit not counted");
      return next();
    }
    c.set("apiKeyRateLimit", { ...result, limit });
    await next();
    const headers = c.res.headers;
    headers.set("RateLimit-Limit", String(limit));
    headers.set("RateLimit-Remaining", String(result.remaining));
    headers.set("RateLimit-Reset", String(result.resetSeconds));
    if (!result.allowed) headers.set("Retry-After", String(result.retryAfterSeconds));
  };
}

/** The refusal of a request over its API key's limit, or undefined when it is within it (or has no key). */
export function apiKeyRateLimited(verdict: ApiKeyRateLimit | undefined): DomainError | undefined {
  if (!verdict || verdict.allowed) return undefined;
  const seconds = verdict.retryAfterSeconds;
  return new DomainError(
    "RATE_LIMITED",
    `Too many requests with this API key (at most ${verdict.limit} a minute). Try again in ${seconds} seconds`,
    { retryAfterSeconds: seconds },
  );
}
