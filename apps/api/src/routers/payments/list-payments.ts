import { listPaymentsInput, paymentPage } from "@crm/contracts";
import { listPayments as list } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPaymentDto } from "./dto";

export const listPayments = permission("payments:read")
  .meta({
    openapi: {
      method: "GET",
      path: "/payments",
      tags: ["payments"],
      summary: "List payments, newest first, by status, deal or provider",
    },
  })
  .input(listPaymentsInput)
  .output(paymentPage)
  .query(async ({ ctx, input }) => {
    const { cursor, limit, ...filter } = input;
    const page = await list(ctx.container.payments, ctx.actor, filter, { cursor, limit });
    return { items: page.items.map(toPaymentDto), nextCursor: page.nextCursor };
  });
