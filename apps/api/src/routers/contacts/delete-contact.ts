import { idInput, okOutput } from "@crm/contracts";
import { deleteContact as remove } from "@crm/domain";
import { ifMatchRequestHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { preconditionOf } from "../../trpc/preconditions";

export const deleteContact = permission("contacts:delete")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/contacts/{id}",
      tags: ["contacts"],
      summary: "Delete a contact with its conversations; its deals stay, without a contact",
      requestHeaders: ifMatchRequestHeader,
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.contacts, ctx.actor, input.id, preconditionOf(ctx, input.id));
    return { ok: true as const };
  });
