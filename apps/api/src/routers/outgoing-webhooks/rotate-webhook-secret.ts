import { idInput, webhookSubscriptionWithSecret } from "@crm/contracts";
import { rotateSecret } from "@crm/domain/outgoing-webhooks/subscriptions";
import { permission } from "../../trpc/init";
import { toWebhookDto } from "./dto";

export const rotateWebhookSecret = permission("webhooks:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/webhooks/{id}/rotate-secret",
      tags: ["webhooks"],
      summary: "Replace the signing secret (the new one is in this answer only; the old one stops at once)",
    },
  })
  .input(idInput)
  .output(webhookSubscriptionWithSecret)
  .mutation(async ({ ctx, input }) => {
    const { subscription, secret } = await rotateSecret(ctx.container.outgoingWebhooks, ctx.actor, input.id);
    return { ...toWebhookDto(subscription), secret };
  });
