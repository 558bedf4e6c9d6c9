import { idInput, integrationDeletion } from "@crm/contracts";
import { previewIntegrationDeletion as preview } from "@crm/domain";
import { permission } from "../../trpc/init";

export const previewIntegrationDeletion = permission("integrations:write")
  .meta({
    openapi: {
      method: "GET",
      path: "/integrations/{id}/deletion",
      tags: ["integrations"],
      summary: "What deleting the integration would do: how many pending payment links it would expire",
    },
  })
  .input(idInput)
  .output(integrationDeletion)
  .query(({ ctx, input }) => preview(ctx.container.integrations, ctx.actor, input.id));
