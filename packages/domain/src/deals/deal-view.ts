import type { Deal, DealView, Pipeline } from "./model";
import { isRotting } from "./rotting";
import { findStage } from "./stage";

export const dealView = (deal: Deal, pipeline: Pipeline | undefined, now: Date): DealView => ({
  ...deal,
  rotting: isRotting(deal, pipeline && findStage(pipeline.stages, deal.stageId), now),
});
