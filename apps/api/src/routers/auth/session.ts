import { me as meOutput } from "@crm/contracts";
import { z } from "zod";
import { publicProcedure } from "../../trpc/init";
import { signedInUser } from "./me";

/**
 * tRPC only: the web app's probe of whether a visitor is signed in. An anonymous visitor is an answer (null),
 * not an error, so a page load logs no failed request; `auth.me` still answers 401 without a session.
 */
export const session = publicProcedure
  .input(z.object({}).optional())
  .output(meOutput.nullable())
  .query(async ({ ctx }) => (ctx.actor ? ((await signedInUser(ctx.container, ctx.actor)) ?? null) : null));
