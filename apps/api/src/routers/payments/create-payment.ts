import { createPaymentInput, payment } from "@crm/contracts";
import { createPayment as create, createAndSendPaymentLink } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPaymentDto } from "./dto";

export const createPayment = permission("payments:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/payments",
      tags: ["payments"],
      summary: "Create a payment link for a deal (Stripe Checkout or Mercado Pago Checkout Pro)",
    },
  })
  .input(createPaymentInput)
  .output(payment)
  .mutation(async ({ ctx, input }) => {
    const { sendToConversationId, message, ...fields } = input;
    const created = sendToConversationId
      ? (
          await createAndSendPaymentLink(ctx.container.payments, ctx.actor, {
            ...fields,
            conversationId: sendToConversationId,
            message,
          })
        ).payment
      : await create(ctx.container.payments, ctx.actor, fields);
    return toPaymentDto(created);
  });
