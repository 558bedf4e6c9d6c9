import { listLostReasonsInput, lostReasonList } from "@crm/contracts";
import { listLostReasons as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toLostReasonDto } from "../deals/dto";

export const listLostReasons = permission("deals:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/lost-reasons",
      tags: ["lost-reasons"],
      summary: "List the organization's predefined lost reasons, in list order",
    },
  })
  .input(listLostReasonsInput)
  .output(lostReasonList)
  .query(async ({ ctx, input }) => {
    const reasons = await list(ctx.container.deals, ctx.actor, input);
    return { items: reasons.map(toLostReasonDto), nextCursor: null };
  });
