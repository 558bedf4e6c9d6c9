import type { PlainMessageKey } from "../../i18n/translate";
import type { UserActivityType } from "./activity-view";

export const activityTypeLabels: Record<UserActivityType, PlainMessageKey> = {
  note: "deals.activity.type.note",
  task: "deals.activity.type.task",
  call: "deals.activity.type.call",
  meeting: "deals.activity.type.meeting",
};
