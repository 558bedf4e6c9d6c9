import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * Refuses a body above `maxSize` bytes (a number, or one chosen per request) before anything reads it.
 *
 * Hono's `bodyLimit` reads `c.req.raw.body`, which makes the Node adapter build a full web `Request` with a
 * stream around the socket for every request (a tenth of the webhook intake's CPU under load). A declared
 * Content-Length is checked from the header alone, and the body is then read directly as bytes (Node's parser
 * never delivers more than was declared); only a chunked body goes through Hono's counting reader, and a request
 * with neither header (a GET) has no body and is not looked at.
 */
export function requestBodyLimit(
  maxSize: number | ((c: Context) => number),
  onError: (c: Context) => Response,
): MiddlewareHandler {
  const sizeOf = typeof maxSize === "number" ? () => maxSize : maxSize;
  return async (c, next) => {
    const length = c.req.header("content-length");
    const chunked = c.req.header("transfer-encoding") !== undefined;
    // HTTP/1.1 framing: without either header a request has no body (a GET), nothing to count
    if (length === undefined && !chunked) return next();
    const limit = sizeOf(c);
    if (chunked) return bodyLimit({ maxSize: limit, onError })(c, next);
    if (Number.parseInt(length ?? "0", 10) > limit) return onError(c);
    await next();
  };
}
