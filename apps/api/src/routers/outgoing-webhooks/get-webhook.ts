import { idInput, webhookSubscription } from "@crm/contracts";
import { getSubscription } from "@crm/domain/outgoing-webhooks/subscriptions";
import { permission } from "../../trpc/init";
import { toWebhookDto } from "./dto";

export const getWebhook = permission("webhooks:read")
  .meta({ openapi: { method: "GET", path: "/webhooks/{id}", tags: ["webhooks"], summary: "Get a webhook" } })
  .input(idInput)
  .output(webhookSubscription)
  .query(async ({ ctx, input }) =>
    toWebhookDto(await getSubscription(ctx.container.outgoingWebhooks, ctx.actor, input.id)),
  );
