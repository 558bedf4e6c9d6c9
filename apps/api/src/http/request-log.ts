import type { MiddlewareHandler } from "hono";
import type { AppLogger } from "../logger";

/** One structured line per request, carrying the request id the response also returns. */
export const requestLog =
  (logger: AppLogger): MiddlewareHandler =>
  async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path === "/health") return;
    const status = c.res.status;
    const line = {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (status >= 500) logger.error(line, "request failed");
    // accepted webhooks come by the thousand and each is kept in webhook_logs: a line (a write) each is waste
    else if (status < 300 && c.req.path.startsWith("/webhooks/")) logger.debug(line, "request");
    else logger.info(line, "request");
  };
