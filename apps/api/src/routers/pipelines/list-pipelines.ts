import { listPipelinesInput, pipelinePage } from "@crm/contracts";
import { listPipelines as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPipelineDto } from "../deals/dto";

export const listPipelines = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/pipelines",
      tags: ["pipelines"],
      summary: "List pipelines, oldest first",
    },
  })
  .input(listPipelinesInput)
  .output(pipelinePage)
  .query(async ({ ctx, input }) => {
    const page = await list(ctx.container.deals, ctx.actor, input);
    return { items: page.items.map(toPipelineDto), nextCursor: page.nextCursor };
  });
