import { idInput, user } from "@crm/contracts";
import { notFound } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toUserDto } from "../auth/dto";

export const getUser = permission("users:read")
  .meta({ openapi: { method: "GET", path: "/users/{id}", tags: ["users"], summary: "Get a user" } })
  .input(idInput)
  .output(user)
  .query(async ({ ctx, input }) => {
    const found = await ctx.container.auth.store.users.findById(ctx.actor.organizationId, input.id);
    if (!found) throw notFound("User");
    return toUserDto(found);
  });
