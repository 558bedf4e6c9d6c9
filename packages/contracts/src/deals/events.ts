import { z } from "zod";
import { id } from "../shared/common";
import { dealStatus } from "./deal";

export const dealChange = z.enum([
  "created",
  "deleted",
  "title",
  "value",
  "contact",
  "assignee",
  "expectedCloseDate",
  "pipeline",
  "stage",
  "status",
  "lostReason",
  "activity",
]);

/** The realtime `deal_updated` event: published after every committed change of a deal. */
export const dealUpdatedPayload = z.object({
  dealId: id,
  pipelineId: id,
  stage: id.describe("The deal's stage id"),
  status: dealStatus,
  changes: z.array(dealChange).describe("What changed"),
});
