import { idInput, okOutput } from "@crm/contracts";
import { deleteCustomField as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

export const deleteCustomField = permission("contacts:delete")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/custom-fields/{id}",
      tags: ["custom-fields"],
      summary: "Delete a custom field and its values on every contact",
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.contacts, ctx.actor, input.id);
    return { ok: true as const };
  });
