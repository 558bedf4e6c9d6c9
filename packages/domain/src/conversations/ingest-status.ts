import type { Channel, StatusUpdate } from "../integrations";
import { advanceStatus } from "./delivery-status";
import type { IngestionChanges } from "./ingest-changes";
import type { IngestionRepos } from "./ingestion-ports";

/**
 * Applies a delivery status under the message's row lock, forward only: concurrent callbacks in any order
 * end at the highest status. Answers false when no message has that provider id (yet).
 */
export async function applyStatusUpdate(
  repos: IngestionRepos,
  organizationId: string,
  channel: Channel,
  update: StatusUpdate,
  changes: IngestionChanges,
): Promise<boolean> {
  const delivery = await repos.messages.lockDelivery(organizationId, channel, update.channelMessageId);
  if (!delivery) return false;
  const status = advanceStatus(delivery.status, update.status);
  if (status === delivery.status) return true;
  const error = status === "failed" ? (update.error ?? "Delivery failed") : null;
  await repos.messages.updateDelivery(organizationId, delivery.id, { status, at: update.at, error });
  changes.statuses.push({ conversationId: delivery.conversationId, messageId: delivery.id, status, error });
  return true;
}
