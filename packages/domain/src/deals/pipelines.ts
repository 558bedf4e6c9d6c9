import type { Actor } from "../auth/model";
import { DomainError, notFound, validationFailed } from "../shared/errors";
import { parseName } from "../shared/names";
import type { Page, PageRequest } from "../shared/pagination";
import { can } from "../shared/permissions";
import { defaultPipeline, type PipelineDraft } from "./default-pipeline";
import type { DealUpdatedPayload } from "./events";
import { type DealStatus, dealStatuses, type Pipeline, type Stage } from "./model";
import { moveDealsInBulk, publishAll } from "./move-deals";
import type { DealsDeps, DealsRepos, PipelinePatch } from "./ports";
import { applyStageEdits, findStage, type StageInput } from "./stage";

export const maxPipelineNameLength = 100;

export async function listPipelines(
  deps: DealsDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<Pipeline>> {
  return deps.store.pipelines.list(actor.organizationId, page);
}

export async function getPipeline(deps: DealsDeps, actor: Actor, id: string): Promise<Pipeline> {
  const pipeline = await deps.store.pipelines.findById(actor.organizationId, id);
  if (!pipeline) throw notFound("Pipeline");
  return pipeline;
}

export async function createPipeline(
  deps: DealsDeps,
  actor: Actor,
  input: { name: string; stages: StageInput[]; winOnPayment?: boolean | undefined },
): Promise<Pipeline> {
  return insertPipeline(deps.store, deps.newId, actor.organizationId, {
    name: input.name,
    stages: input.stages,
    winOnPayment: input.winOnPayment ?? true,
  });
}

/** Also seeds a new organization, inside the registration's transaction. */
export async function insertPipeline(
  repos: Pick<DealsRepos, "pipelines">,
  newId: () => string,
  organizationId: string,
  draft: PipelineDraft,
): Promise<Pipeline> {
  const name = parseName(draft.name, "name", maxPipelineNameLength);
  const { stages } = applyStageEdits([], draft.stages, newId);
  return repos.pipelines.create(organizationId, { name, stages, winOnPayment: draft.winOnPayment });
}

/** A new organization's first pipeline, named in its language. */
export const seedDefaultPipeline = (
  repos: Pick<DealsRepos, "pipelines">,
  newId: () => string,
  organizationId: string,
  locale: string,
): Promise<Pipeline> => insertPipeline(repos, newId, organizationId, defaultPipeline(locale));

export interface PipelineUpdate {
  name?: string | undefined;
  winOnPayment?: boolean | undefined;
  /** the full new stage list: see `applyStageEdits` */
  stages?: StageInput[] | undefined;
  /** where the deals of removed stages go; required when a removed stage has deals */
  moveDealsToStageId?: string | undefined;
}

/** Removing a stage that has deals needs a target stage kept by the pipeline; nothing is written otherwise. */
export async function updatePipeline(
  deps: DealsDeps,
  actor: Actor,
  id: string,
  input: PipelineUpdate,
): Promise<Pipeline> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const patch: PipelinePatch = {};
  if (input.name !== undefined) patch.name = parseName(input.name, "name", maxPipelineNameLength);
  if (input.winOnPayment !== undefined) patch.winOnPayment = input.winOnPayment;

  const { pipeline, moved } = await deps.store.transaction(async (repos) => {
    const current = await repos.pipelines.findById(organizationId, id, "update");
    if (!current) throw notFound("Pipeline");
    let moved: DealUpdatedPayload[] = [];
    if (input.stages !== undefined) {
      const edits = applyStageEdits(current.stages, input.stages, deps.newId);
      patch.stages = edits.stages;
      const target = keptTarget(input.moveDealsToStageId, current.stages, edits.stages);
      if (edits.removed.length > 0) {
        if (!can(actor.role, "deals:delete")) {
          throw new DomainError("FORBIDDEN", `Your role (${actor.role}) cannot remove stages (deals:delete)`);
        }
        const removedIds = edits.removed.map((stage) => stage.id);
        const count = await repos.deals.countInPipeline(organizationId, id, removedIds);
        if (count > 0) {
          if (!target) throw stagesHaveDeals(edits.removed, count);
          moved = await moveDealsInBulk(
            repos,
            actor,
            {
              from: { pipeline: current, stageIds: removedIds },
              to: { pipeline: current, stage: target },
              reason: "stage_removed",
            },
            now,
          );
        }
      }
    } else if (input.moveDealsToStageId !== undefined) {
      throw validationFailed("moveDealsToStageId", "moveDealsToStageId only applies when stages are removed");
    }
    const pipeline = await repos.pipelines.update(organizationId, id, patch, now);
    if (!pipeline) throw notFound("Pipeline");
    return { pipeline, moved };
  });
  await publishAll(deps, organizationId, moved, now);
  return pipeline;
}

/** The target must be a stage the pipeline has now and keeps after the edit. */
function keptTarget(
  targetId: string | undefined,
  current: readonly Stage[],
  next: readonly Stage[],
): Stage | undefined {
  if (targetId === undefined) return undefined;
  const target = findStage(next, targetId);
  if (!target || !findStage(current, targetId)) {
    throw validationFailed("moveDealsToStageId", "Move the deals to a stage this pipeline keeps");
  }
  return target;
}

function stagesHaveDeals(removed: readonly Stage[], count: number): DomainError {
  const names = removed.map((stage) => `"${stage.name}"`).join(", ");
  const message =
    `${removed.length === 1 ? "Stage" : "Stages"} ${names} still ${removed.length === 1 ? "has" : "have"} ` +
    `${count === 1 ? "1 deal" : `${count} deals`}: ` +
    "pass moveDealsToStageId to move them to a stage the pipeline keeps";
  return new DomainError("CONFLICT", message, {
    dealCount: count,
    stageIds: removed.map((stage) => stage.id),
    fieldErrors: { moveDealsToStageId: [message] },
  });
}

/** How many deals of each status a pipeline has: deleting it moves them all, won and lost ones too. */
export async function pipelineDealCounts(
  deps: DealsDeps,
  actor: Actor,
  id: string,
): Promise<Record<DealStatus, number>> {
  await getPipeline(deps, actor, id);
  return deps.store.deals.countByStatus(actor.organizationId, id);
}

/** "1 open deal, 2 won deals", naming only the statuses it has. */
const describeCounts = (counts: Record<DealStatus, number>): string =>
  dealStatuses
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${status} ${counts[status] === 1 ? "deal" : "deals"}`)
    .join(", ");

/** A pipeline with deals (open, won or lost) is deleted only with a stage of another pipeline to move them to. */
export async function deletePipeline(
  deps: DealsDeps,
  actor: Actor,
  id: string,
  input: { moveDealsToStageId?: string | undefined } = {},
): Promise<void> {
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const moved = await deps.store.transaction(async (repos) => {
    const current = await repos.pipelines.findById(organizationId, id, "update");
    if (!current) throw notFound("Pipeline");
    const targetId = input.moveDealsToStageId;
    const targetPipeline =
      targetId === undefined
        ? undefined
        : await repos.pipelines.findByStageId(organizationId, targetId, "share");
    const targetStage = targetPipeline && targetId ? findStage(targetPipeline.stages, targetId) : undefined;
    if (targetId !== undefined && (!targetPipeline || !targetStage || targetPipeline.id === current.id)) {
      throw validationFailed("moveDealsToStageId", "Move the deals to a stage of another pipeline");
    }
    let moved: DealUpdatedPayload[] = [];
    const counts = await repos.deals.countByStatus(organizationId, id);
    const count = counts.open + counts.won + counts.lost;
    if (count > 0) {
      if (!targetPipeline || !targetStage) {
        const message =
          `Pipeline "${current.name}" still has ${describeCounts(counts)}: ` +
          "pass moveDealsToStageId to move them to a stage of another pipeline (they keep their status)";
        throw new DomainError("CONFLICT", message, {
          dealCount: count,
          dealCounts: counts,
          fieldErrors: { moveDealsToStageId: [message] },
        });
      }
      moved = await moveDealsInBulk(
        repos,
        actor,
        {
          from: { pipeline: current },
          to: { pipeline: targetPipeline, stage: targetStage },
          reason: "pipeline_removed",
        },
        now,
      );
    }
    if (!(await repos.pipelines.remove(organizationId, id))) throw notFound("Pipeline");
    return moved;
  });
  await publishAll(deps, organizationId, moved, now);
}
