import { invitationPage, listInvitationsInput } from "@crm/contracts";
import { permission } from "../../trpc/init";
import { toInvitationDto } from "../auth/dto";

export const listInvitations = permission("users:invite")
  .meta({ openapi: { method: "GET", path: "/invitations", tags: ["users"], summary: "List invitations" } })
  .input(listInvitationsInput)
  .output(invitationPage)
  .query(async ({ ctx, input }) => {
    const page = await ctx.container.auth.store.invitations.list(ctx.actor.organizationId, input);
    return { items: page.items.map(toInvitationDto), nextCursor: page.nextCursor };
  });
