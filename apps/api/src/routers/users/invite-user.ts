import { inviteUserInput, sentInvitation } from "@crm/contracts";
import { inviteUser as invite } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toInvitationDto } from "../auth/dto";

export const inviteUser = permission("users:invite")
  .meta({
    openapi: {
      method: "POST",
      path: "/users",
      tags: ["users"],
      summary: "Invite a user by email (an invitation link is emailed)",
      description:
        "Inviting an address that has a pending invitation replaces it: its link stops working, and `replacedRole` says which role it offered.",
      successDescription: "The pending invitation",
    },
  })
  .input(inviteUserInput)
  .output(sentInvitation)
  .mutation(async ({ ctx, input }) => {
    const sent = await invite(ctx.container.auth, ctx.actor, input);
    return { ...toInvitationDto(sent), replacedRole: sent.replacedRole };
  });
