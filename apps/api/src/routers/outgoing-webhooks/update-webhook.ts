import { updateWebhookInput, webhookSubscription } from "@crm/contracts";
import { updateSubscription } from "@crm/domain/outgoing-webhooks/subscriptions";
import { permission } from "../../trpc/init";
import { toWebhookDto } from "./dto";

export const updateWebhook = permission("webhooks:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/webhooks/{id}",
      tags: ["webhooks"],
      summary: "Change a webhook's URL, events or description, or switch it off or on again",
    },
  })
  .input(updateWebhookInput)
  .output(webhookSubscription)
  .mutation(async ({ ctx, input }) => {
    const { id, ...patch } = input;
    return toWebhookDto(await updateSubscription(ctx.container.outgoingWebhooks, ctx.actor, id, patch));
  });
