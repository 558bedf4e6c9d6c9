import { idInput, invitation } from "@crm/contracts";
import { revokeInvitation as revoke } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toInvitationDto } from "../auth/dto";

export const revokeInvitation = permission("users:invite")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/invitations/{id}",
      tags: ["users"],
      summary:
        "Revoke a pending invitation (revoking it again answers it unchanged; an accepted one is a 409)",
    },
  })
  .input(idInput)
  .output(invitation)
  .mutation(async ({ ctx, input }) => toInvitationDto(await revoke(ctx.container.auth, ctx.actor, input.id)));
