import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { booleanParam, dealValue } from "./deal";

export const lostReason = z
  .object({
    id,
    name: z.string(),
    position: z.number().int().describe("0-based position in the list"),
    archived: z.boolean().describe("Archived reasons stay on deals lost for them but cannot be picked"),
    archivedAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .describe("One of the organization's predefined reasons for losing a deal");

export const lostReasonList = z.object({
  items: z.array(lostReason).describe("In list order"),
  nextCursor: z.null().describe("Always null: the list is short (at most 50) and comes whole"),
});

export const listLostReasonsInput = z.object({
  archived: booleanParam
    .describe("Only archived (true) or only active (false) reasons; both when left out")
    .optional(),
});

export const createLostReasonInput = strictInput({
  name: z.string().max(200).describe("Unique in the organization, letter case aside; at most 100 characters"),
});

export const updateLostReasonInput = strictInput({
  id,
  name: z.string().max(200).optional(),
  position: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .describe(
      "Moves the reason to this 0-based place in the list (archived reasons counted); the others shift. A place past the end is a 400",
    )
    .optional(),
  archived: z.boolean().describe("true archives the reason, false brings it back").optional(),
});

export const lostReasonSummaryInput = z.object({
  pipelineId: id.optional(),
  lostFrom: timestamp.optional().describe("Only deals lost at or after this time"),
  lostTo: timestamp.optional().describe("Only deals lost at or before this time"),
});

export const lostReasonSummary = z.object({
  items: z.array(
    z.object({
      lostReasonId: id.nullable().describe("null: deals lost with free text only"),
      name: z.string().nullable(),
      archived: z.boolean(),
      count: z.number().int().describe("Lost deals"),
      totals: z
        .array(dealValue.extend({ count: z.number().int() }))
        .describe("Their value per currency, never added across currencies"),
    }),
  ),
});
