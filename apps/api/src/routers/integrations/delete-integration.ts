import { deleteIntegrationResult, idInput } from "@crm/contracts";
import { deleteIntegration as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

export const deleteIntegration = permission("integrations:write")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/integrations/{id}",
      tags: ["integrations"],
      summary:
        "Disconnect a channel; its conversations and webhook logs stay. A payment provider's pending links are " +
        "expired at the provider first: when one cannot be, nothing is deleted (502 naming it)",
    },
  })
  .input(idInput)
  .output(deleteIntegrationResult)
  .mutation(async ({ ctx, input }) => {
    const { expiredPaymentLinks } = await remove(ctx.container.integrations, ctx.actor, input.id);
    return { ok: true as const, expiredPaymentLinks };
  });
