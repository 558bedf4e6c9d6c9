import { createApiKeyInput, createdApiKey } from "@crm/contracts";
import { createApiKey as create } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toApiKeyDto } from "../auth/dto";

export const createApiKey = permission("apikeys:manage")
  .meta({
    openapi: {
      method: "POST",
      path: "/api-keys",
      tags: ["api-keys"],
      summary: "Create an API key for an integrator (the secret is shown once)",
    },
  })
  .input(createApiKeyInput)
  .output(createdApiKey)
  .mutation(async ({ ctx, input }) => {
    const { apiKey, secret } = await create(ctx.container.auth, ctx.actor, input);
    return { apiKey: toApiKeyDto(apiKey), secret };
  });
