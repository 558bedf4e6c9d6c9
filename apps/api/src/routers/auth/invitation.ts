import { invitationPreview, invitationPreviewInput } from "@crm/contracts";
import { previewInvitation } from "@crm/domain";
import { publicProcedure } from "../../trpc/init";
import { enforceRateLimit, perIp } from "../../trpc/rate-limit";

export const invitation = publicProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/auth/invitation",
      tags: ["auth"],
      summary:
        "Who invites whom to which organization, with what role, before accepting (the same empty answer for any link that cannot be used)",
    },
  })
  .input(invitationPreviewInput)
  .output(invitationPreview)
  .query(async ({ ctx, input }) => {
    // counted like the other token endpoints, so tokens cannot be tried in bulk
    await enforceRateLimit(ctx, [perIp(ctx, "invitation")]);
    return previewInvitation(ctx.container.auth, input.token);
  });
