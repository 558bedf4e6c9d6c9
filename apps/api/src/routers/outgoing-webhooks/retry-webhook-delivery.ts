import { retryWebhookDeliveryInput, webhookDelivery } from "@crm/contracts";
import { retryDelivery } from "@crm/domain/outgoing-webhooks/deliver";
import { permission } from "../../trpc/init";
import { toWebhookDeliveryDto } from "./dto";

export const retryWebhookDelivery = permission("webhooks:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/webhooks/{id}/deliveries/{deliveryId}/retry",
      tags: ["webhooks"],
      summary: "Send a delivery again now, with a fresh set of attempts (same event id)",
    },
  })
  .input(retryWebhookDeliveryInput)
  .output(webhookDelivery)
  .mutation(async ({ ctx, input }) =>
    toWebhookDeliveryDto(
      await retryDelivery(ctx.container.outgoingWebhooks, ctx.actor, input.id, input.deliveryId),
    ),
  );
