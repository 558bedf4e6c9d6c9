import { idInput, integration } from "@crm/contracts";
import { getIntegration as get } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toIntegrationDto } from "./dto";

export const getIntegration = permission("integrations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/integrations/{id}",
      tags: ["integrations"],
      summary: "Get an integration: settings (secrets masked), webhook URL, last test",
    },
  })
  .input(idInput)
  .output(integration)
  .query(async ({ ctx, input }) =>
    toIntegrationDto(await get(ctx.container.integrations, ctx.actor, input.id), ctx.container.env.publicUrl),
  );
