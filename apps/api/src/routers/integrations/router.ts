import type { TRPCRouterRecord } from "@trpc/server";
import { createIntegration } from "./create-integration";
import { deleteIntegration } from "./delete-integration";
import { getIntegration } from "./get-integration";
import { listIntegrations } from "./list-integrations";
import { listWebhookLogs } from "./list-webhook-logs";
import { previewIntegrationDeletion } from "./preview-integration-deletion";
import { retryWebhookLog } from "./retry-webhook-log";
import { testIntegration } from "./test-integration";
import { updateIntegration } from "./update-integration";

export const integrationsRouter = {
  list: listIntegrations,
  get: getIntegration,
  create: createIntegration,
  update: updateIntegration,
  deletion: previewIntegrationDeletion,
  delete: deleteIntegration,
  test: testIntegration,
  webhookLogs: listWebhookLogs,
  retryWebhookLog,
} satisfies TRPCRouterRecord;
