import { deletePipelineInput, okOutput } from "@crm/contracts";
import { deletePipeline as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

export const deletePipeline = permission("organizations:write")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/pipelines/{id}",
      tags: ["pipelines"],
      summary: "Delete a pipeline",
      description:
        "A pipeline with deals needs `moveDealsToStageId` (a stage of another pipeline), else 409.",
    },
  })
  .input(deletePipelineInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.deals, ctx.actor, input.id, { moveDealsToStageId: input.moveDealsToStageId });
    return { ok: true as const };
  });
