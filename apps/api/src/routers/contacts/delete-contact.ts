import { idInput, okOutput } from "@crm/contracts";
import { deleteContact as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

export const deleteContact = permission("contacts:delete")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/contacts/{id}",
      tags: ["contacts"],
      summary: "Delete a contact with its conversations; its deals stay, without a contact",
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.contacts, ctx.actor, input.id);
    return { ok: true as const };
  });
