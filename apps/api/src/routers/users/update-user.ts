import { updateUserInput, user } from "@crm/contracts";
import { updateUser as update } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toUserDto } from "../auth/dto";

export const updateUser = permission("users:update")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/users/{id}",
      tags: ["users"],
      summary: "Rename a user or change their role",
    },
  })
  .input(updateUserInput)
  .output(user)
  .mutation(async ({ ctx, input }) => {
    const { id, ...patch } = input;
    return toUserDto(await update(ctx.container.auth, ctx.actor, id, patch));
  });
