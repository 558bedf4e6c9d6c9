import { refreshed, strictInput } from "@crm/contracts";
import { refreshSession } from "@crm/domain";
import { authenticatedProcedure } from "../../trpc/init";

export const refresh = authenticatedProcedure
  .meta({
    userOnly: true,
    openapi: {
      method: "POST",
      path: "/auth/refresh",
      tags: ["auth"],
      summary: "Extend the session and rotate its token (the old token stops working)",
    },
  })
  .input(strictInput({}).optional())
  .output(refreshed)
  .mutation(async ({ ctx }) => {
    const { token, session } = await refreshSession(ctx.container.auth, ctx.actor, ctx.client);
    ctx.setSessionCookie(token, session.expiresAt);
    return { token, expiresAt: session.expiresAt.toISOString() };
  });
