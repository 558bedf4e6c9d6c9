import { retryWebhookLogInput, webhookLog } from "@crm/contracts";
import { retryWebhookLog as retry } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toWebhookLogDto } from "./dto";

export const retryWebhookLog = permission("integrations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/integrations/{id}/webhook-logs/{logId}/retry",
      tags: ["integrations"],
      summary: "Process a stored webhook again (idempotent: what was already applied is not repeated)",
    },
  })
  .input(retryWebhookLogInput)
  .output(webhookLog)
  .mutation(async ({ ctx, input }) =>
    toWebhookLogDto(await retry(ctx.container.integrations, ctx.actor, input.id, input.logId)),
  );
