import { getTRPCErrorShape, TRPCError } from "@trpc/server";
import type { MiddlewareHandler } from "hono";
import { appRouter } from "../trpc/root";

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: string } } | undefined
>;

const isSubscription = (path: string) => procedures[path]?._def.type === "subscription";

/**
 * tRPC would stream a subscription asked over HTTP as server-sent events, past the WebSocket's limits on sockets
 * per user and its re-reading of credentials. Subscriptions are served over /trpc-ws only: 405 here, before the
 * procedure runs, as tRPC shapes an error.
 */
export function refuseHttpSubscriptions(endpoint: string): MiddlewareHandler {
  return async (c, next) => {
    const paths = c.req.path.slice(endpoint.length + 1).split(",");
    const path = paths.find(isSubscription);
    if (!path) return next();
    const error = new TRPCError({
      code: "METHOD_NOT_SUPPORTED",
      message: "Subscriptions are served over the WebSocket at /trpc-ws only",
    });
    const shape = getTRPCErrorShape({
      config: appRouter._def._config,
      error,
      type: "subscription",
      path,
      input: undefined,
      ctx: undefined,
    });
    return c.json({ error: shape }, 405);
  };
}
