import { createAndSendPaymentLinkInput, sentPaymentLink } from "@crm/contracts";
import { createAndSendPaymentLink as createAndSend } from "@crm/domain";
import { permission } from "../../trpc/init";
import { toPaymentDto } from "./dto";

export const createAndSendPaymentLink = permission("payments:write")
  .meta({
    openapi: {
      method: "POST",
      path: "/payments/send-link",
      tags: ["payments"],
      summary:
        "Send payment link: create a link for a deal and send it into a conversation with the deal's contact",
    },
  })
  .input(createAndSendPaymentLinkInput)
  .output(sentPaymentLink)
  .mutation(async ({ ctx, input }) => {
    const sent = await createAndSend(ctx.container.payments, ctx.actor, input);
    return { payment: toPaymentDto(sent.payment), messageId: sent.messageId };
  });
