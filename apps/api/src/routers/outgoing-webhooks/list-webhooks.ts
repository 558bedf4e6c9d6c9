import { listWebhooksInput, webhookSubscriptionPage } from "@crm/contracts";
import { listSubscriptions } from "@crm/domain/outgoing-webhooks/subscriptions";
import { permission } from "../../trpc/init";
import { toWebhookDto } from "./dto";

export const listWebhooks = permission("webhooks:read")
  .meta({
    openapi: { method: "GET", path: "/webhooks", tags: ["webhooks"], summary: "List webhooks, newest first" },
  })
  .input(listWebhooksInput)
  .output(webhookSubscriptionPage)
  .query(async ({ ctx, input }) => {
    const page = await listSubscriptions(ctx.container.outgoingWebhooks, ctx.actor, input);
    return { items: page.items.map(toWebhookDto), nextCursor: page.nextCursor };
  });
