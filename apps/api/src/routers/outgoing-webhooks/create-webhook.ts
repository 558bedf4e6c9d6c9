import { createWebhookInput, webhookSubscriptionWithSecret } from "@crm/contracts";
import { createSubscription } from "@crm/domain/outgoing-webhooks/subscriptions";
import { permission } from "../../trpc/init";
import { toWebhookDto } from "./dto";

export const createWebhook = permission("webhooks:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/webhooks",
      tags: ["webhooks"],
      summary:
        "Subscribe a URL to events (the signing secret is in this answer only; at most 20 per organization)",
    },
  })
  .input(createWebhookInput)
  .output(webhookSubscriptionWithSecret)
  .mutation(async ({ ctx, input }) => {
    const { subscription, secret } = await createSubscription(
      ctx.container.outgoingWebhooks,
      ctx.actor,
      input,
    );
    return { ...toWebhookDto(subscription), secret };
  });
