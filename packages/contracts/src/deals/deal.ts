import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { calendarDate } from "../shared/field-formats";
import { pageInput, pageOf } from "../shared/pagination";
import { expectedUpdatedAt } from "../shared/precondition";
import { syncSortDescription, updatedRangeInput } from "../shared/sync";

export const dealStatus = z.enum(["open", "won", "lost"]).describe("open, won or lost");

export const dealValue = z
  .object({
    amount: z.string().describe('Decimal string, never a float: "1234.56"'),
    currency: z.string().describe("ISO 4217 code, e.g. BRL"),
  })
  .describe("An amount of money in one currency");

export const dealValueInput = strictInput({
  amount: z
    .string()
    .trim()
    .max(40)
    .describe('Decimal string such as "1234.56"; not negative, at most 13 integer digits'),
  currency: z.string().length(3).describe("ISO 4217 code; default: the organization's currency").optional(),
});

export const deal = z.object({
  id,
  title: z.string(),
  contactId: id.nullable(),
  pipelineId: id,
  stage: id.describe("The id of the deal's stage"),
  status: dealStatus,
  value: dealValue,
  assigneeId: id.nullable(),
  expectedCloseDate: calendarDate.nullable(),
  lostReason: z.string().nullable(),
  lostReasonId: id.nullable().describe("The predefined lost reason, when one was picked"),
  rotting: z.boolean().describe("Open and in its stage for longer than the stage's rottingDays"),
  stageEnteredAt: timestamp,
  wonAt: timestamp.nullable(),
  lostAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const dealPage = pageOf(deal);

export const createDealInput = strictInput({
  title: z.string().max(1000),
  contactId: id,
  pipelineId: id,
  stage: id.describe("The id of a stage of the pipeline"),
  value: dealValueInput,
  assigneeId: id.nullable().describe("A user of the organization").optional(),
  expectedCloseDate: calendarDate.nullable().optional(),
});

export const updateDealInput = strictInput({
  id,
  title: z.string().max(1000).optional(),
  contactId: id.optional(),
  pipelineId: id.describe("Moving to another pipeline needs stage too").optional(),
  stage: id.describe("Moves the deal to this stage (writes a stage_changed activity)").optional(),
  value: dealValueInput.describe("Without a currency the deal keeps its currency").optional(),
  assigneeId: id.nullable().optional(),
  expectedCloseDate: calendarDate.nullable().optional(),
  status: dealStatus.describe("won, lost (needs lostReason or lostReasonId) or open to reopen").optional(),
  lostReason: z
    .string()
    .max(2000)
    .describe("Why the deal was lost; required to lose it unless lostReasonId is given")
    .optional(),
  lostReasonId: id
    .describe(
      "A predefined lost reason of the organization, not archived; its name is lostReason when that is left out",
    )
    .optional(),
  expectedUpdatedAt,
});

/** "true"/"false" in a query string, a boolean over tRPC. */
export const booleanParam = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .transform((value) => value === true || value === "true");

export const dealFilters = {
  status: dealStatus.optional(),
  assigneeId: id.optional(),
  assigned: booleanParam
    .describe("Only deals with an owner (true) or only deals without one (false); false excludes assigneeId")
    .optional(),
  contactId: id.optional(),
  currency: z
    .string()
    .length(3)
    .describe("Only deals in this currency; needed by valueMin/valueMax")
    .optional(),
  valueMin: z.string().max(40).describe("Inclusive lower bound of the value, in currency").optional(),
  valueMax: z.string().max(40).describe("Inclusive upper bound of the value, in currency").optional(),
  rotting: booleanParam.describe("Only rotting (true) or only not rotting (false) deals").optional(),
  lostReasonId: id.describe("Only deals lost for this predefined reason").optional(),
  search: z
    .string()
    .trim()
    .max(200, "search must have at most 200 characters")
    .describe(
      "Part of the title, the contact's name or the contact's company's name, ignoring accents and case " +
        '("padaria" finds "Padaria São João"); trimmed, at most 200 characters, empty means no search',
    )
    .optional(),
};

export const listDealsInput = z.object({
  ...pageInput,
  pipelineId: id.optional(),
  stage: id.describe("A stage id").optional(),
  ...dealFilters,
  ...updatedRangeInput,
  sort: z
    .enum(["createdAt", "updatedAt"])
    .optional()
    .describe(`createdAt: newest first (the default); ${syncSortDescription}`),
});

export const deleteDealInput = strictInput({ id });
