import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { wholeNumber } from "../shared/field-formats";
import { pageInput, pageOf } from "../shared/pagination";

const hexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .describe("Hex color such as #3b82f6");

export const stage = z
  .object({
    id: id.describe("The stage's id: stable across renames and reorders"),
    name: z.string(),
    order: z.number().int().describe("0-based position in the pipeline"),
    color: hexColor,
    probability: z.number().int().describe("Chance of winning a deal in this stage, 0-100"),
    rottingDays: z
      .number()
      .int()
      .nullable()
      .describe("An open deal staying longer than this many days in the stage is rotting; null: never"),
  })
  .describe("A column of a pipeline");

export const pipeline = z.object({
  id,
  name: z.string(),
  stages: z.array(stage).describe("In board order"),
  winOnPayment: z.boolean().describe("A paid payment link marks its deal won"),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const pipelinePage = pageOf(pipeline);

export const stageInput = strictInput({
  id: id.describe("An existing stage to update; leave out to create a stage").optional(),
  name: z.string().max(200).describe("Required for a new stage").optional(),
  color: hexColor.optional(),
  probability: wholeNumber(0, 100, 50).describe("0-100 (new stages: 0)").optional(),
  rottingDays: wholeNumber(1, 3650, 30).nullable().describe("null or at least 1").optional(),
}).describe("A stage; the list's order is the pipeline's order");

export const createPipelineInput = strictInput({
  name: z.string().max(200),
  stages: z.array(stageInput).min(1).max(30),
  winOnPayment: z.boolean().describe("Default true").optional(),
});

export const updatePipelineInput = strictInput({
  id,
  name: z.string().max(200).optional(),
  winOnPayment: z.boolean().optional(),
  stages: z
    .array(stageInput)
    .min(1)
    .max(30)
    .describe(
      "The full new stage list: stages with an id are updated, without an id created, missing ones removed",
    )
    .optional(),
  moveDealsToStageId: id
    .describe(
      "Where the deals of removed stages go (a stage the pipeline keeps); required when they have deals",
    )
    .optional(),
});

export const deletePipelineInput = strictInput({
  id,
  moveDealsToStageId: id
    .describe("A stage of another pipeline to move this pipeline's deals to; required when it has deals")
    .optional(),
});

export const listPipelinesInput = z.object({ ...pageInput });

export const pipelineDealCounts = z.object({
  open: z.number().int().describe("Open deals"),
  won: z.number().int().describe("Won deals"),
  lost: z.number().int().describe("Lost deals"),
});
