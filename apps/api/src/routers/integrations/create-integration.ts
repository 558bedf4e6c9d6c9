import { createIntegrationInput, integration } from "@crm/contracts";
import { createIntegration as create } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toIntegrationDto } from "./dto";

export const createIntegration = permission("integrations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/integrations",
      tags: ["integrations"],
      summary: "Connect a channel: its credentials are encrypted at rest and never shown again",
    },
  })
  .input(createIntegrationInput)
  .output(integration)
  .mutation(async ({ ctx, input }) =>
    toIntegrationDto(await create(ctx.container.integrations, ctx.actor, input), ctx.container.env.publicUrl),
  );
