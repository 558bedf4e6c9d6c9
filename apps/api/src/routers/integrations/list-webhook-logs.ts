import { listWebhookLogsInput, webhookLogPage } from "@crm/contracts";
import { listWebhookLogs as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toWebhookLogDto } from "./dto";

export const listWebhookLogs = permission("integrations:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/integrations/{id}/webhook-logs",
      tags: ["integrations"],
      summary: "The webhooks (and Discord gateway events) an integration received, newest first",
    },
  })
  .input(listWebhookLogsInput)
  .output(webhookLogPage)
  .query(async ({ ctx, input }) => {
    const { id, cursor, limit, status } = input;
    const page = await list(ctx.container.integrations, ctx.actor, id, { status }, { cursor, limit });
    return { items: page.items.map(toWebhookLogDto), nextCursor: page.nextCursor };
  });
