import { dealBoard, dealBoardInput } from "@crm/contracts";
import { dealBoard as board } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toDealDto, toPipelineDto, toStageDto } from "../deals/dto";

export const pipelineBoard = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/pipelines/{pipelineId}/board",
      tags: ["pipelines"],
      summary: "The kanban: per stage, its first deals, the count and the value totals per currency",
      description:
        "Open deals unless `status` says otherwise. Load more of one column with its `stageId` and `nextCursor`. " +
        "Filters, `search` included, narrow each column's deals, count and totals to the matching deals.",
    },
  })
  .input(dealBoardInput)
  .output(dealBoard)
  .query(async ({ ctx, input }) => {
    const result = await board(ctx.container.deals, ctx.actor, input);
    return {
      pipeline: toPipelineDto(result.pipeline),
      columns: result.columns.map((column) => ({
        stage: toStageDto(column.stage),
        count: column.count,
        totals: column.totals,
        deals: column.deals.map((deal) =>
          Object.assign(toDealDto(deal), {
            nextActivityDueAt: deal.nextActivityDueAt,
            activityOverdue: deal.activityOverdue,
          }),
        ),
        nextCursor: column.nextCursor,
      })),
    };
  });
