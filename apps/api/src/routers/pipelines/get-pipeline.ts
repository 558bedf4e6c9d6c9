import { idInput, pipeline } from "@crm/contracts";
import { getPipeline as get } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPipelineDto } from "../deals/dto";

export const getPipeline = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/pipelines/{id}",
      tags: ["pipelines"],
      summary: "Get a pipeline with its stages",
    },
  })
  .input(idInput)
  .output(pipeline)
  .query(async ({ ctx, input }) => toPipelineDto(await get(ctx.container.deals, ctx.actor, input.id)));
