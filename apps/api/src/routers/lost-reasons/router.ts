import type { TRPCRouterRecord } from "@trpc/server";
import { createLostReason } from "./create-lost-reason";
import { listLostReasons } from "./list-lost-reasons";
import { lostReasonSummaryProcedure } from "./lost-reason-summary";
import { updateLostReason } from "./update-lost-reason";

export const lostReasonsRouter = {
  list: listLostReasons,
  create: createLostReason,
  update: updateLostReason,
  summary: lostReasonSummaryProcedure,
} satisfies TRPCRouterRecord;
