import { apiKey, idInput } from "@crm/contracts";
import { revokeApiKey as revoke } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toApiKeyDto } from "../auth/dto";

export const revokeApiKey = permission("apikeys:manage")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/api-keys/{id}",
      tags: ["api-keys"],
      summary: "Revoke an API key at once (revoking it again answers it unchanged)",
    },
  })
  .input(idInput)
  .output(apiKey)
  .mutation(async ({ ctx, input }) => toApiKeyDto(await revoke(ctx.container.auth, ctx.actor, input.id)));
