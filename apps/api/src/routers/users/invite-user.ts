import { invitation, inviteUserInput } from "@crm/contracts";
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
      successDescription: "The pending invitation",
    },
  })
  .input(inviteUserInput)
  .output(invitation)
  .mutation(async ({ ctx, input }) => toInvitationDto(await invite(ctx.container.auth, ctx.actor, input)));
