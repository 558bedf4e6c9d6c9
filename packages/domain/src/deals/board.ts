import type { Actor } from "../auth/model";
import { notFound, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import { hasOverdueActivity } from "./agenda";
import { unknownStage } from "./create-deal";
import { type DealFilterInput, parseDealFilter } from "./deal-filter";
import { dealView } from "./deal-view";
import type { DealView, Pipeline, Stage } from "./model";
import type { DealsDeps, StageTotal } from "./ports";
import { findStage } from "./stage";

export interface BoardQuery extends Omit<DealFilterInput, "pipelineId" | "stage"> {
  pipelineId: string;
  /** only this stage's column, e.g. to load its next page */
  stageId?: string | undefined;
  /** a column's nextCursor; needs its stageId */
  cursor?: string | undefined;
  /** deals per column */
  limit?: number | undefined;
}

export interface BoardColumn {
  stage: Stage;
  /** every matching deal of the stage, not only this page */
  count: number;
  /** one total per currency, with the number of deals in that currency */
  totals: StageTotal[];
  deals: BoardDealView[];
  nextCursor: string | null;
}

/** A card: the deal, and its marker for a task, call or meeting past due. */
export interface BoardDealView extends DealView {
  /** when its earliest task, call or meeting not done is due; null if none is */
  nextActivityDueAt: string | null;
  /** open, and that activity's time has passed */
  activityOverdue: boolean;
}

export interface Board {
  pipeline: Pipeline;
  columns: BoardColumn[];
}

/** The kanban: per stage, the first deals (most recently entered first), the count and value totals. */
export async function dealBoard(deps: DealsDeps, actor: Actor, query: BoardQuery): Promise<Board> {
  const { pipelineId, stageId, cursor, limit, ...filterInput } = query;
  const organizationId = actor.organizationId;
  if (cursor !== undefined && stageId === undefined) {
    throw validationFailed("stageId", "A cursor belongs to one stage's column: pass that stageId too");
  }
  const pipeline = await deps.store.pipelines.findById(organizationId, parseId(pipelineId, "pipelineId"));
  if (!pipeline) throw notFound("Pipeline");
  const only = stageId === undefined ? undefined : findStage(pipeline.stages, stageId);
  if (stageId !== undefined && !only) throw unknownStage();
  const stages = only ? [only] : pipeline.stages;

  const now = deps.clock.now();
  const filter = {
    ...parseDealFilter({ ...filterInput, status: filterInput.status ?? "open" }, [pipeline], now),
    pipelineId: pipeline.id,
    stageId: only?.id,
  };
  const totals = new Map(
    (await deps.store.deals.stageTotals(organizationId, filter)).map((row) => [row.stageId, row]),
  );
  const pages = await deps.store.deals.stageColumns(
    organizationId,
    filter,
    stages.map((stage) => stage.id),
    { cursor, limit },
  );
  const columns = stages.map(
    (stage): BoardColumn => ({
      stage,
      count: totals.get(stage.id)?.count ?? 0,
      totals: totals.get(stage.id)?.totals ?? [],
      deals:
        pages.get(stage.id)?.items.map(
          (deal): BoardDealView =>
            Object.assign(dealView(deal, pipeline, now), {
              nextActivityDueAt: deal.nextActivityDueAt,
              activityOverdue: hasOverdueActivity(deal.nextActivityDueAt, deal.status, now),
            }),
        ) ?? [],
      nextCursor: pages.get(stage.id)?.nextCursor ?? null,
    }),
  );
  return { pipeline, columns };
}
