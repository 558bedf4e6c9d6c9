import { apiKeyNamePage, listApiKeysInput } from "@crm/contracts";
import { permission } from "../../trpc/init";

/** Names writes credited to a key (`apiKeyId`) for every member, as `GET /users` names a user's. */
export const listApiKeyNames = permission("users:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/api-keys/names",
      tags: ["api-keys"],
      summary: "List the names of the organization's API keys, revoked ones included",
    },
  })
  .input(listApiKeysInput)
  .output(apiKeyNamePage)
  .query(async ({ ctx, input }) => {
    const page = await ctx.container.auth.store.apiKeys.list(ctx.actor.organizationId, input);
    return {
      items: page.items.map((key) => ({ id: key.id, name: key.name, revoked: key.revokedAt !== null })),
      nextCursor: page.nextCursor,
    };
  });
