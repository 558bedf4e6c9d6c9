import { deleteDealInput, okOutput } from "@crm/contracts";
import { expireDealPaymentLinks, deleteDeal as remove } from "@crm/domain";
import { ifMatchRequestHeader } from "../../http/etag";
import { permission } from "../../trpc/init";
import { preconditionOf } from "../../trpc/preconditions";

export const deleteDeal = permission("deals:delete")
  .meta({
    openapi: {
      method: "DELETE",
      path: "/deals/{id}",
      tags: ["deals"],
      summary: "Delete a deal and its activities",
      description:
        "Its pending payment links are expired at the provider first (409 while one awaits the customer there, " +
        "e.g. a boleto; 502 when the provider does not expire one, the deal kept); its payments stay, without a deal",
      requestHeaders: ifMatchRequestHeader,
    },
  })
  .input(deleteDealInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const precondition = preconditionOf(ctx, input.id);
    // no customer may pay a link whose payment would reach no deal: closed first, as deleting an integration does
    await expireDealPaymentLinks(ctx.container.payments, ctx.actor, input.id, precondition);
    await remove(ctx.container.deals, ctx.actor, input.id, precondition);
    return { ok: true as const };
  });
