import type { TRPCRouterRecord } from "@trpc/server";
import { createPipeline } from "./create-pipeline";
import { deletePipeline } from "./delete-pipeline";
import { getPipeline } from "./get-pipeline";
import { listPipelines } from "./list-pipelines";
import { pipelineBoard } from "./pipeline-board";
import { pipelineDealCountsProcedure } from "./pipeline-deal-counts";
import { updatePipeline } from "./update-pipeline";

export const pipelinesRouter = {
  list: listPipelines,
  get: getPipeline,
  create: createPipeline,
  update: updatePipeline,
  remove: deletePipeline,
  board: pipelineBoard,
  dealCounts: pipelineDealCountsProcedure,
} satisfies TRPCRouterRecord;
