import { idInput, okOutput } from "@crm/contracts";
import { deleteTag as remove } from "@crm/domain";
import { permission } from "../../trpc/init";

export const deleteTag = permission("contacts:delete")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/tags/{id}",
      tags: ["tags"],
      summary: "Delete a tag and detach it from every contact",
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.contacts, ctx.actor, input.id);
    return { ok: true as const };
  });
