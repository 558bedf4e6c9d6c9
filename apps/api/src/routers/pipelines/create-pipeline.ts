import { createPipelineInput, pipeline } from "@crm/contracts";
import { createPipeline as create } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPipelineDto } from "../deals/dto";

export const createPipeline = permission("organizations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/pipelines",
      tags: ["pipelines"],
      summary: "Create a pipeline with its stages (their ids are generated)",
    },
  })
  .input(createPipelineInput)
  .output(pipeline)
  .mutation(async ({ ctx, input }) => toPipelineDto(await create(ctx.container.deals, ctx.actor, input)));
