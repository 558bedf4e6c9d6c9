import { listWebhookDeliveriesInput, webhookDeliveryPage } from "@crm/contracts";
import { listDeliveries } from "@crm/domain/outgoing-webhooks/deliveries";
import { permission } from "../../trpc/init";
import { toWebhookDeliveryDto } from "./dto";

export const listWebhookDeliveries = permission("webhooks:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/webhooks/{id}/deliveries",
      tags: ["webhooks"],
      summary: "A webhook's deliveries (kept 30 days), newest first, optionally of one status",
    },
  })
  .input(listWebhookDeliveriesInput)
  .output(webhookDeliveryPage)
  .query(async ({ ctx, input }) => {
    const { id, status, cursor, limit } = input;
    const page = await listDeliveries(
      ctx.container.outgoingWebhooks,
      ctx.actor,
      id,
      { status },
      { cursor, limit },
    );
    return { items: page.items.map(toWebhookDeliveryDto), nextCursor: page.nextCursor };
  });
