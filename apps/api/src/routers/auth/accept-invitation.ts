import { acceptInvitationInput, signedIn } from "@crm/contracts";
import { acceptInvitation as accept } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp } from "../../trpc/rate-limit";
import { toSignedInDto } from "./dto";

export const acceptInvitation = publicProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/accept-invitation",
      tags: ["auth"],
      summary: "Join an organization with an invitation token, choosing a name and password",
    },
  })
  .input(acceptInvitationInput)
  .output(signedIn)
  .mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx, [perIp(ctx, "accept")]);
    const result = await accept(ctx.container.auth, input, ctx.client);
    ctx.setSessionCookie(result.token, result.expiresAt);
    return toSignedInDto(result);
  });
