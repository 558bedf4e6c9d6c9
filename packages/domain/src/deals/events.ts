import type { EventBus } from "../shared/events";
import type { DealStatus } from "./model";

export const dealUpdatedEventType = "deal_updated";

export type DealChange =
  | "created"
  | "deleted"
  | "title"
  | "value"
  | "contact"
  | "assignee"
  | "expectedCloseDate"
  | "pipeline"
  | "stage"
  | "status"
  | "lostReason"
  | "activity";

export interface DealUpdatedPayload {
  dealId: string;
  pipelineId: string;
  stage: string;
  status: DealStatus;
  changes: DealChange[];
}

/** Call after the transaction commits: subscribers may read the change at once. */
export async function publishDealUpdated(
  events: Pick<EventBus, "publish">,
  organizationId: string,
  payload: DealUpdatedPayload,
  at: Date,
): Promise<void> {
  await events.publish({
    type: dealUpdatedEventType,
    organizationId,
    payload,
    occurredAt: at.toISOString(),
  });
}
