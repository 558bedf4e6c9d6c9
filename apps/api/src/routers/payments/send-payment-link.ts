import { sendPaymentLinkInput, sentPaymentLink } from "@crm/contracts";
import { sendPaymentLink as send } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPaymentDto } from "./dto";

export const sendPaymentLink = permission("payments:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/payments/{id}/send",
      tags: ["payments"],
      summary:
        "Send a pending payment's link into a conversation as an outbound message, with the agent's text or the default one",
    },
  })
  .input(sendPaymentLinkInput)
  .output(sentPaymentLink)
  .mutation(async ({ ctx, input }) => {
    const sent = await send(ctx.container.payments, ctx.actor, input.id, input.conversationId, input.message);
    return { payment: toPaymentDto(sent.payment), messageId: sent.messageId };
  });
