import { type Actor, can, type Permission, roleCannot, unauthenticated } from "@crm/domain";
import type { Context } from "hono";
import type { Container } from "../container";
import { createContext } from "../trpc/context";
import { clientIp } from "./client-ip";
import { restErrorResponse } from "./rest-error";

/* For the raw Hono routes next to the procedures (files, CSV): the same caller and the same error body. */

/**
 * A raw route's handler, run for a caller authenticated and authorized like a procedure of this permission
 * (session cookie or Bearer). What it throws (a domain error, a TRPCError, anything else as a 500) is
 * answered with the REST API's error body; `path` names the operation there as a procedure would be named.
 */
export function rawRoute<C extends Context>(
  container: Container,
  route: { path: string; permission: Permission },
  handler: (c: C, actor: Actor) => Promise<Response>,
): (c: C) => Promise<Response> {
  return async (c) => {
    try {
      const context = await createContext(
        container,
        {
          url: c.req.url,
          headers: c.req.raw.headers,
          ip: clientIp(c, container.env.trustProxy),
          requestId: c.get("requestId"),
          apiKeyRateLimit: c.get("apiKeyRateLimit"),
        },
        () => {},
      );
      const { actor } = context;
      if (!actor) throw unauthenticated(context.refusedCredential);
      if (!can(actor.role, route.permission)) throw roleCannot(actor.role, route.permission);
      return await handler(c, actor);
    } catch (error) {
      const answer = restErrorResponse(error, route.path);
      if (answer.status >= 500)
        container.logger.error({ err: error, requestId: c.get("requestId") }, "raw route failed");
      return answer;
    }
  };
}
