import { deleteDealInput, okOutput } from "@crm/contracts";
import { deleteDeal as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

export const deleteDeal = permission("deals:delete")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/deals/{id}",
      tags: ["deals"],
      summary: "Delete a deal and its activities",
    },
  })
  .input(deleteDealInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.deals, ctx.actor, input.id);
    return { ok: true as const };
  });
