import { payment, refundPaymentInput } from "@crm/contracts";
import { refundPayment as refund } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPaymentDto } from "./dto";

export const refundPayment = permission("billing:manage")
  .meta({
    openapi: {
      method: "POST",
      path: "/payments/{id}/refund",
      tags: ["payments"],
      summary: "Refund a paid payment, fully or partly, through its provider",
    },
  })
  .input(refundPaymentInput)
  .output(payment)
  .mutation(async ({ ctx, input }) =>
    toPaymentDto(
      await refund(ctx.container.payments, ctx.actor, input.id, {
        amount: input.amount,
        idempotencyKey: ctx.idempotencyKey,
      }),
    ),
  );
