import { idInput, okOutput } from "@crm/contracts";
import { deleteSubscription } from "@crm/domain/outgoing-webhooks/subscriptions";
import { permission } from "../../trpc/init";

export const deleteWebhook = permission("webhooks:write")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/webhooks/{id}",
      tags: ["webhooks"],
      summary: "Delete a webhook and its deliveries",
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await deleteSubscription(ctx.container.outgoingWebhooks, ctx.actor, input.id);
    return { ok: true as const };
  });
