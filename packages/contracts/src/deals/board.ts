import { z } from "zod";
import { id, timestamp } from "../shared/common";
import { wholeNumber } from "../shared/field-formats";
import { deal, dealFilters, dealStatus, dealValue } from "./deal";
import { pipeline, stage } from "./pipeline";

export const dealBoardInput = z.object({
  pipelineId: id,
  stageId: id.describe("Only this stage's column, e.g. to load its next page").optional(),
  cursor: z.string().max(500).describe("A column's nextCursor; pass its stageId too").optional(),
  limit: wholeNumber(1, 100, 25, true).describe("Deals per column, 1-100 (default 25)").optional(),
  ...dealFilters,
  status: dealStatus.describe("open (default), won or lost").optional(),
});

export const boardDeal = deal.extend({
  nextActivityDueAt: timestamp
    .nullable()
    .describe("When the deal's earliest task, call or meeting not done is due; null if none is"),
  activityOverdue: z.boolean().describe("Open, and that task, call or meeting is past due"),
});

export const dealBoardColumn = z.object({
  stage,
  count: z.number().int().describe("Every matching deal of the stage, not only this page"),
  totals: z
    .array(
      dealValue.extend({
        count: z.number().int().describe("How many of the stage's matching deals are in this currency"),
      }),
    )
    .describe(
      "Sum of the values per currency, each with its deal count; currencies are never added together",
    ),
  deals: z.array(boardDeal).describe("Most recently entered first"),
  nextCursor: z.string().nullable().describe("Pass with stageId as cursor for the column's next page"),
});

export const dealBoard = z.object({
  pipeline,
  columns: z.array(dealBoardColumn),
});
