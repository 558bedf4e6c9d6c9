import { apiKeyPage, listApiKeysInput } from "@crm/contracts";
import { permission } from "../../trpc/init";
import { toApiKeyDto } from "../auth/dto";

export const listApiKeys = permission("apikeys:manage")
  .meta({ openapi: { method: "GET", path: "/api-keys", tags: ["api-keys"], summary: "List API keys" } })
  .input(listApiKeysInput)
  .output(apiKeyPage)
  .query(async ({ ctx, input }) => {
    const page = await ctx.container.auth.store.apiKeys.list(ctx.actor.organizationId, input);
    return { items: page.items.map(toApiKeyDto), nextCursor: page.nextCursor };
  });
