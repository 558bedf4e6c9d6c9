import type { RouterInputs } from "../../lib/api-types";

export type DealsView = "board" | "list";
export type StatusFilter = "open" | "won" | "lost";
export type RottingFilter = "yes" | "no";

/**
 * The Deals page's search parameters, so a filtered board or list can be shared and reloaded. The list shows
 * every status unless `status` is set, the board only open deals.
 */
export interface DealsSearch {
  view?: "list" | undefined;
  /** "me", "none" (nobody owns the deal) or a member's id */
  owner?: string | undefined;
  /** The pipeline shown: the board's first one, or every pipeline in the list, when absent. */
  pipeline?: string | undefined;
  stage?: string | undefined;
  status?: StatusFilter | undefined;
  rotting?: RottingFilter | undefined;
  /** A predefined lost reason's id: only with status=lost, the deals lost for it. */
  lostReason?: string | undefined;
  /** Text searched in the title, the contact's name and the company's name (board and list). */
  q?: string | undefined;
}

/** The API refuses a longer search; a longer URL value is cut rather than failing the page. */
export const maxDealSearchLength = 200;

type ListInput = Omit<RouterInputs["deals"]["list"], "cursor" | "limit">;

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value : undefined;
const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  allowed.find((option) => option === value);

export function parseDealsSearch(search: Record<string, unknown>): DealsSearch {
  const pipeline = text(search.pipeline);
  const status = oneOf(search.status, ["open", "won", "lost"] as const);
  return {
    view: oneOf(search.view, ["list"] as const),
    pipeline,
    // a stage belongs to one pipeline: without it, the stage means nothing
    stage: pipeline ? text(search.stage) : undefined,
    status,
    // only lost deals have a lost reason: with another status it means nothing
    lostReason: status === "lost" ? text(search.lostReason) : undefined,
    owner: text(search.owner),
    rotting: oneOf(search.rotting, ["yes", "no"] as const),
    q: text(search.q)?.trim().slice(0, maxDealSearchLength),
  };
}

/** Whether the list is narrowed by anything (the view itself is no filter). */
export const hasListFilters = ({ view: _view, ...filters }: DealsSearch): boolean =>
  Object.values(filters).some((value) => value !== undefined);

/**
 * The owner filter as the API takes it: "none" is the deals nobody owns; "me" is whoever looks, so a shared
 * "my deals" link shows the reader's own deals.
 */
export function ownerInput(
  owner: string | undefined,
  userId: string,
): { assigneeId?: string; assigned?: boolean } {
  if (owner === undefined) return {};
  if (owner === "none") return { assigned: false };
  return { assigneeId: owner === "me" ? userId : owner };
}

/** The list procedure's input for these filters. */
export function toListInput(search: DealsSearch, userId: string): ListInput {
  const input: ListInput = {};
  if (search.pipeline) input.pipelineId = search.pipeline;
  if (search.pipeline && search.stage) input.stage = search.stage;
  if (search.status) input.status = search.status;
  if (search.status === "lost" && search.lostReason) input.lostReasonId = search.lostReason;
  Object.assign(input, ownerInput(search.owner, userId));
  if (search.rotting) input.rotting = search.rotting === "yes";
  if (search.q) input.search = search.q;
  return input;
}
