import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { forwardedClient } from "./forwarded-for";

export function clientIp(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = forwardedClient(c.req.header("x-forwarded-for"));
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
