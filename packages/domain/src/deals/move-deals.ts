import type { Actor } from "../auth/model";
import { activityActor } from "./actor";
import { type DealUpdatedPayload, publishDealUpdated } from "./events";
import type { Pipeline, Stage } from "./model";
import type { DealsDeps, DealsRepos, MovedDeal } from "./ports";

export interface BulkMove {
  from: { pipeline: Pipeline; stageIds?: string[] | undefined };
  to: { pipeline: Pipeline; stage: Stage };
  reason: "stage_removed" | "pipeline_removed";
}

/** Moves the deals of removed stages (or of a removed pipeline), each with its stage_changed activity. */
export async function moveDealsInBulk(
  repos: DealsRepos,
  actor: Actor,
  move: BulkMove,
  now: Date,
): Promise<DealUpdatedPayload[]> {
  const { from, to } = move;
  const moved: MovedDeal[] = await repos.deals.moveAll(
    actor.organizationId,
    { pipelineId: from.pipeline.id, stageIds: from.stageIds },
    { pipelineId: to.pipeline.id, stageId: to.stage.id },
    now,
  );
  const stageName = new Map(from.pipeline.stages.map((stage) => [stage.id, stage.name]));
  await repos.activities.createMany(
    actor.organizationId,
    moved.map((deal) => ({
      dealId: deal.id,
      type: "stage_changed" as const,
      content: null,
      data: {
        from: {
          pipelineId: from.pipeline.id,
          pipelineName: from.pipeline.name,
          stageId: deal.fromStageId,
          stageName: stageName.get(deal.fromStageId) ?? null,
        },
        to: {
          pipelineId: to.pipeline.id,
          pipelineName: to.pipeline.name,
          stageId: to.stage.id,
          stageName: to.stage.name,
        },
        reason: move.reason,
      },
      dueAt: null,
      ...activityActor(actor),
      createdAt: now,
    })),
  );
  const pipelineChanged = from.pipeline.id !== to.pipeline.id;
  return moved.map((deal) => ({
    dealId: deal.id,
    pipelineId: to.pipeline.id,
    stage: to.stage.id,
    status: deal.status,
    changes: pipelineChanged ? ["pipeline", "stage"] : ["stage"],
  }));
}

export async function publishAll(
  deps: Pick<DealsDeps, "events">,
  organizationId: string,
  payloads: DealUpdatedPayload[],
  at: Date,
): Promise<void> {
  for (const payload of payloads) await publishDealUpdated(deps.events, organizationId, payload, at);
}
