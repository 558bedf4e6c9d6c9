import { idInput, okOutput } from "@crm/contracts";
import { deleteCompany as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

export const deleteCompany = permission("contacts:delete")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/companies/{id}",
      tags: ["companies"],
      summary: "Delete a company; its contacts stay, without a company",
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.contacts, ctx.actor, input.id);
    return { ok: true as const };
  });
