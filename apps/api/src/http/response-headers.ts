import type { MiddlewareHandler } from "hono";
// its ContextVariableMap declares `requestId`, which this file sets
import type {} from "hono/request-id";

/*
 * Why not hono's `cors()` and `requestId()` header: both touch the response before the handler answers (`c.res`,
 * or `c.header` after it), which makes Hono copy the handler's Response and @hono/node-server stream the copy
 * through a web ReadableStream instead of writing the string it holds: about a fifth of an API request's CPU.
 * These set their headers on the final response's `headers`, which keeps the lightweight Response as it is.
 */

export interface CorsOptions {
  allowedOrigins: readonly string[];
  allowHeaders: readonly string[];
  allowMethods: readonly string[];
  maxAgeSeconds: number;
}

const wellFormedRequestId = /^[\w\-=]{1,255}$/;

/** A request id (the caller's X-Request-Id when well-formed, else a new one) in `requestId` and on the response. */
export function requestIdHeader(): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header("x-request-id");
    const id = given !== undefined && wellFormedRequestId.test(given) ? given : crypto.randomUUID();
    c.set("requestId", id);
    await next();
    c.res.headers.set("X-Request-Id", id);
  };
}

/** CORS with credentials for the configured origins only; other origins get no Access-Control-* header. */
export function corsHeaders(options: CorsOptions): MiddlewareHandler {
  const allowHeaders = options.allowHeaders.join(",");
  const allowMethods = options.allowMethods.join(",");
  return async (c, next) => {
    const origin = c.req.header("origin");
    const allowed = origin !== undefined && options.allowedOrigins.includes(origin) ? origin : undefined;
    if (c.req.method === "OPTIONS" && c.req.header("access-control-request-method")) {
      const headers = new Headers({ Vary: "Origin, Access-Control-Request-Headers" });
      if (allowed) {
        headers.set("Access-Control-Allow-Origin", allowed);
        headers.set("Access-Control-Allow-Credentials", "true");
        headers.set("Access-Control-Allow-Methods", allowMethods);
        headers.set("Access-Control-Allow-Headers", allowHeaders);
        headers.set("Access-Control-Max-Age", String(options.maxAgeSeconds));
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    const headers = c.res.headers;
    headers.append("Vary", "Origin");
    if (allowed) {
      headers.set("Access-Control-Allow-Origin", allowed);
      headers.set("Access-Control-Allow-Credentials", "true");
      headers.set(
        "Access-Control-Expose-Headers",
        "Retry-After, X-Request-Id, Idempotent-Replayed, ETag, Location, Allow, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset",
      );
    }
  };
}
