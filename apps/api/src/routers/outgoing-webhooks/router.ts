import type { TRPCRouterRecord } from "@trpc/server";
import { createWebhook } from "./create-webhook";
import { deleteWebhook } from "./delete-webhook";
import { getWebhook } from "./get-webhook";
import { listWebhookDeliveries } from "./list-webhook-deliveries";
import { listWebhooks } from "./list-webhooks";
import { retryWebhookDelivery } from "./retry-webhook-delivery";
import { rotateWebhookSecret } from "./rotate-webhook-secret";
import { testWebhook } from "./test-webhook";
import { updateWebhook } from "./update-webhook";

export const outgoingWebhooksRouter = {
  list: listWebhooks,
  get: getWebhook,
  create: createWebhook,
  update: updateWebhook,
  remove: deleteWebhook,
  rotateSecret: rotateWebhookSecret,
  test: testWebhook,
  deliveries: listWebhookDeliveries,
  retryDelivery: retryWebhookDelivery,
} satisfies TRPCRouterRecord;
