import { idInput, okOutput } from "@crm/contracts";
import { deleteIntegration as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

export const deleteIntegration = permission("integrations:write")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/integrations/{id}",
      tags: ["integrations"],
      summary: "Disconnect a channel; its conversations and webhook logs stay",
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.integrations, ctx.actor, input.id);
    return { ok: true as const };
  });
