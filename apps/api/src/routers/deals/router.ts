import type { TRPCRouterRecord } from "@trpc/server";
import { addDealActivity } from "./add-deal-activity";
import { createDeal } from "./create-deal";
import { deleteDeal } from "./delete-deal";
import { getDeal } from "./get-deal";
import { listAgenda } from "./list-agenda";
import { listDealActivities } from "./list-deal-activities";
import { listDeals } from "./list-deals";
import { updateDeal } from "./update-deal";
import { updateDealActivity } from "./update-deal-activity";

export const dealsRouter = {
  list: listDeals,
  get: getDeal,
  create: createDeal,
  update: updateDeal,
  remove: deleteDeal,
  activities: listDealActivities,
  addActivity: addDealActivity,
  updateActivity: updateDealActivity,
  agenda: listAgenda,
} satisfies TRPCRouterRecord;
