import { okOutput, strictInput } from "@crm/contracts";
import { logout as signOut } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";

/** Public so a stale cookie can always be cleared. */
export const logout = publicProcedure
  .meta({
    optionalAuth: true,
    openapi: { method: "POST", path: "/auth/logout", tags: ["auth"], summary: "End this session" },
  })
  .input(strictInput({}).optional())
  .output(okOutput)
  .mutation(async ({ ctx }) => {
    if (ctx.actor) await signOut(ctx.container.auth, ctx.actor);
    ctx.clearSessionCookie();
    return { ok: true as const };
  });
