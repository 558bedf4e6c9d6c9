import { idInput, webhookDelivery } from "@crm/contracts";
import { sendPing } from "@crm/domain/outgoing-webhooks/deliver";
import { permission } from "../../trpc/init";
import { toWebhookDeliveryDto } from "./dto";

export const testWebhook = permission("webhooks:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/webhooks/{id}/test",
      tags: ["webhooks"],
      summary: "Send a `ping` event now (also to a switched-off webhook); answers its pending delivery",
    },
  })
  .input(idInput)
  .output(webhookDelivery)
  .mutation(async ({ ctx, input }) =>
    toWebhookDeliveryDto(await sendPing(ctx.container.outgoingWebhooks, ctx.actor, input.id)),
  );
