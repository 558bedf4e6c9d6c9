import { z } from "zod";
import { id } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";
import { dealActivity, userDealActivityType } from "./activity";
import { booleanParam, dealStatus } from "./deal";

export const agendaDue = z
  .enum(["overdue", "today", "upcoming", "none"])
  .describe(
    "overdue: not done and due before now; today: due today in the organization's time zone and not overdue; " +
      "upcoming: due after today; none: without a due date. The first three never overlap",
  );

export const listAgendaInput = z.object({
  ...pageInput,
  type: userDealActivityType.optional(),
  due: agendaDue.optional(),
  done: booleanParam.describe("Only done (true) or only not done (false) activities").optional(),
  owner: z
    .string()
    .max(40)
    .describe("me, or a user id: activities of the deals that user owns (the deal's assignee)")
    .optional(),
  dealId: id.describe("Only this deal's activities").optional(),
  status: dealStatus.describe("Only activities of deals in this status; every status by default").optional(),
});

export const agendaItem = dealActivity.extend({
  type: userDealActivityType,
  overdue: z.boolean().describe("Not done, past due, and its deal still open"),
  deal: z.object({
    id,
    title: z.string(),
    pipelineId: id,
    stage: id.describe("The id of the deal's stage"),
    stageName: z.string().nullable(),
    status: dealStatus.describe("Activities of won and lost deals are listed too: check this"),
    assigneeId: id.nullable(),
    contactName: z.string().nullable(),
  }),
});
export const agendaPage = pageOf(agendaItem);
