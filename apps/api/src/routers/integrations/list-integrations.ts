import { integrationPage, listIntegrationsInput } from "@crm/contracts";
import { listIntegrations as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toIntegrationDto } from "./dto";

export const listIntegrations = permission("integrations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/integrations",
      tags: ["integrations"],
      summary: "List the organization's channel integrations (secrets masked)",
    },
  })
  .input(listIntegrationsInput)
  .output(integrationPage)
  .query(async ({ ctx, input }) => {
    const { cursor, limit, channel } = input;
    const page = await list(ctx.container.integrations, ctx.actor, { channel }, { cursor, limit });
    return {
      items: page.items.map((item) => toIntegrationDto(item, ctx.container.env.publicUrl)),
      nextCursor: page.nextCursor,
    };
  });
