import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * Hono's `bodyLimit` reads `c.req.raw.body`, which makes the Node adapter build a full web `Request` with a
 * stream around the socket for every webhook (a tenth of the intake's CPU under load). A declared
 * Content-Length is checked from the header alone, and the body is then read directly as bytes; only a
 * chunked body goes through Hono's counting reader.
 */
export function webhookBodyLimit(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const counting = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return counting(c, next);
    if (Number.parseInt(length, 10) > maxSize) return onError(c);
    await next();
  };
}
