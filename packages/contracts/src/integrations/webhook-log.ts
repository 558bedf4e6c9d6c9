import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";
import { integration, integrationChannel } from "./integration";

export const webhookLogStatus = z
  .enum(["pending", "success", "failed", "retrying", "held"])
  .describe(
    "pending: stored, not processed yet; retrying: queued again; held: received while the integration was " +
      "switched off, processed when it is switched on again",
  );

export const webhookLog = z.object({
  id,
  integrationId: id.nullable(),
  channel: integrationChannel,
  source: z.enum(["webhook", "gateway"]).describe("An HTTP webhook, or an event of the Discord Gateway"),
  eventId: z.string().nullable().describe("The provider's event id, scoped by the integration"),
  status: webhookLogStatus,
  attempts: z.number().int(),
  errorMessage: z.string().nullable(),
  payload: z
    .unknown()
    .describe("The JSON received (tokens it carries are redacted); null when it was not JSON"),
  createdAt: timestamp,
  processedAt: timestamp.nullable(),
  lastAttemptAt: timestamp.nullable(),
});
export const webhookLogPage = pageOf(webhookLog);

export const listWebhookLogsInput = z.object({
  id: id.describe("The integration's id"),
  ...pageInput,
  status: webhookLogStatus.optional(),
});

export const retryWebhookLogInput = strictInput({ id: id.describe("The integration's id"), logId: id });

/** PATCH /integrations/{id}'s answer: the integration, and what switching it on queued. */
export const updatedIntegration = integration.extend({
  releasedDeliveries: z
    .number()
    .int()
    .describe("Deliveries received while it was switched off and queued now that it is switched on (else 0)"),
});
