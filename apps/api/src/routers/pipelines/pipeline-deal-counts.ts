import { idInput, pipelineDealCounts } from "@crm/contracts";
import { pipelineDealCounts as counts } from "@crm/domain";
import { permission } from "../../trpc/init";

export const pipelineDealCountsProcedure = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/pipelines/{id}/deal-counts",
      tags: ["pipelines"],
      summary:
        "How many open, won and lost deals a pipeline has (deleting it needs a stage to move them all to)",
    },
  })
  .input(idInput)
  .output(pipelineDealCounts)
  .query(({ ctx, input }) => counts(ctx.container.deals, ctx.actor, input.id));
