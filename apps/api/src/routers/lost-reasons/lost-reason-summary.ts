import { lostReasonSummary, lostReasonSummaryInput } from "@crm/contracts";
import { lostReasonSummary as summary } from "@crm/domain";
import { permission } from "../../trpc/init";

export const lostReasonSummaryProcedure = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/lost-reasons/summary",
      tags: ["lost-reasons"],
      summary: "Lost deals per reason: how many and their value per currency",
      description:
        "Every active reason, archived ones with lost deals, then deals lost with free text only " +
        "(lostReasonId null). Values are totalled per currency, never across currencies.",
    },
  })
  .input(lostReasonSummaryInput)
  .output(lostReasonSummary)
  .query(async ({ ctx, input }) => {
    const items = await summary(ctx.container.deals, ctx.actor, {
      pipelineId: input.pipelineId,
      lostFrom: input.lostFrom === undefined ? undefined : new Date(input.lostFrom),
      lostTo: input.lostTo === undefined ? undefined : new Date(input.lostTo),
    });
    return { items };
  });
