import { idInput, okOutput } from "@crm/contracts";
import { deleteCompany as remove } from "@crm/domain";
import { ifMatchRequestHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { preconditionOf } from "../../trpc/preconditions";

export const deleteCompany = permission("contacts:delete")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/companies/{id}",
      tags: ["companies"],
      summary: "Delete a company; its contacts stay, without a company",
      requestHeaders: ifMatchRequestHeader,
    },
  })
  .input(idInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.container.contacts, ctx.actor, input.id, preconditionOf(ctx, input.id));
    return { ok: true as const };
  });
