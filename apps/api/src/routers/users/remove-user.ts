import { idInput, okOutput } from "@crm/contracts";
import { removeUser as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

export const removeUser = permission("users:remove")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/users/{id}",
      tags: ["users"],
      summary: "Remove a user from the organization (the last owner cannot be removed)",
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.auth, ctx.actor, input.id);
    return { ok: true as const };
  });
