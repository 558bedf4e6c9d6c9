import { type Actor, errorTable, type FieldErrors } from "@crm/domain";
import type { Context } from "hono";
import type { Container } from "../container";
import { createContext } from "../trpc/context";
import { clientIp } from "./client-ip";

/* For the raw Hono routes next to the procedures (files, CSV): the same caller and the same error body. */

/** The caller, authenticated like the procedures (session cookie or Bearer); null when signed out. */
export async function routeActor(container: Container, c: Context): Promise<Actor | null> {
  const context = await createContext(
    container,
    {
      url: c.req.url,
      headers: c.req.raw.headers,
      ip: clientIp(c, container.env.trustProxy),
      requestId: c.get("requestId"),
    },
    () => {},
  );
  return context.actor;
}

/** An error shaped like a procedure's, so clients read raw routes' errors the same way. */
export const errorBody = (
  code: keyof typeof errorTable,
  message: string,
  fieldErrors: FieldErrors | null = null,
) => ({
  message,
  code: errorTable[code].trpc,
  data: { appCode: code, fieldErrors },
});
