import { endedSessions, strictInput } from "@crm/contracts";
import { signOutOtherSessions as signOutOthers } from "@crm/domain";
import { authenticatedProcedure } from "../../trpc/init";

export const signOutOtherSessions = authenticatedProcedure
  .meta({
    userOnly: true,
    openapi: {
      method: "POST",
      path: "/auth/sign-out-other-sessions",
      tags: ["auth"],
      summary: "End every session of yours but this one (users only)",
    },
  })
  .input(strictInput({}).optional())
  .output(endedSessions)
  .mutation(async ({ ctx }) => signOutOthers(ctx.container.auth, ctx.actor));
