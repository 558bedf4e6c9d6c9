import { listUsersInput, userPage } from "@crm/contracts";
import { permission } from "../../trpc/init";
import { toUserDto } from "../auth/dto";

export const listUsers = permission("users:read")
  .meta({
    openapi: { method: "GET", path: "/users", tags: ["users"], summary: "List the organization's users" },
  })
  .input(listUsersInput)
  .output(userPage)
  .query(async ({ ctx, input }) => {
    const { cursor, limit, ...filter } = input;
    const page = await ctx.container.auth.store.users.list(ctx.actor.organizationId, filter, {
      cursor,
      limit,
    });
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  });
