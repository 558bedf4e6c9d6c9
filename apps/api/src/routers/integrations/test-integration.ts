import { idInput, integrationTestResult } from "@crm/contracts";
import { testIntegration as test } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toIntegrationTestDto } from "./dto";

export const testIntegration = permission("integrations:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/integrations/{id}/test",
      tags: ["integrations"],
      summary: "Ask the provider who the credentials belong to; a refusal is reported, not raised",
    },
  })
  .input(idInput)
  .output(integrationTestResult)
  .mutation(async ({ ctx, input }) =>
    toIntegrationTestDto(
      await test(ctx.container.integrations, ctx.actor, input.id),
      ctx.container.env.publicUrl,
    ),
  );
