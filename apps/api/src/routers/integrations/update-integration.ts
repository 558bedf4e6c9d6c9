import { updatedIntegration, updateIntegrationInput } from "@crm/contracts";
import { updateIntegration as update } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toIntegrationDto } from "./dto";

export const updateIntegration = permission("integrations:write")
  .meta({
    openapi: {
      method: "PATCH",
      path: "/integrations/{id}",
      tags: ["integrations"],
      summary: "Rename, switch on or off, or replace some of an integration's credentials",
      description:
        "Switching it on queues, in arrival order, the webhooks it received while off; new credentials clear the last test's result",
    },
  })
  .input(updateIntegrationInput)
  .output(updatedIntegration)
  .mutation(async ({ ctx, input }) => {
    const { id, ...changes } = input;
    const updated = await update(ctx.container.integrations, ctx.actor, id, changes);
    return {
      ...toIntegrationDto(updated, ctx.container.env.publicUrl),
      releasedDeliveries: updated.releasedDeliveries,
    };
  });
