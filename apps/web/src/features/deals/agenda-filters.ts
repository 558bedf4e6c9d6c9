import type { RouterInputs, RouterOutputs } from "../../lib/api-types";
import type { UserActivityType } from "./activity-view";

export type AgendaItem = RouterOutputs["deals"]["agenda"]["items"][number];
export type AgendaGroup = "overdue" | "today" | "upcoming";

/** The groups of the page, in the order a day is worked through. */
export const agendaGroups: readonly AgendaGroup[] = ["overdue", "today", "upcoming"];
/** Kinds that are due at a time; notes are not on the agenda. */
export const agendaTypes: readonly UserActivityType[] = ["task", "call", "meeting"];

/** The page's filters as they live in the URL; the owner is the signed-in user unless `owner` is "all". */
export interface AgendaFilters {
  owner?: "all" | undefined;
  type?: UserActivityType | undefined;
}

type AgendaInput = Omit<RouterInputs["deals"]["agenda"], "cursor" | "limit">;

export function parseAgendaFilters(search: Record<string, unknown>): AgendaFilters {
  return {
    owner: search.owner === "all" ? "all" : undefined,
    type: agendaTypes.find((type) => type === search.type),
  };
}

/** One group's query: what is still to do in it, of my deals unless everyone's were asked for. */
export function agendaInput(filters: AgendaFilters, due: AgendaGroup): AgendaInput {
  const input: AgendaInput = { due, done: false };
  if (filters.owner !== "all") input.owner = "me";
  if (filters.type) input.type = filters.type;
  return input;
}
