import { idInput, okOutput } from "@crm/contracts";
import { deleteCustomField as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

// A definition is an organization setting: see create-custom-field.ts.
export const deleteCustomField = permission("organizations:write")
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
