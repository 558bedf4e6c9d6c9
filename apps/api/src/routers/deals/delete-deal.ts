import { deleteDealInput, okOutput } from "@crm/contracts";
import { deleteDeal as remove } from "@crm/domain";
import { ifMatchRequestHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { preconditionOf } from "../../trpc/preconditions";

export const deleteDeal = permission("deals:delete")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/deals/{id}",
      tags: ["deals"],
      summary: "Delete a deal and its activities",
      requestHeaders: ifMatchRequestHeader,
    },
  })
  .input(deleteDealInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.deals, ctx.actor, input.id, preconditionOf(ctx, input.id));
    return { ok: true as const };
  });
