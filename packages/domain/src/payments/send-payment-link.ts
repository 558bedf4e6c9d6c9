import type { Actor } from "../auth/model";
import { DomainError } from "../shared/errors";
import type { Payment } from "./model";
import { getPayment } from "./payment-queries";
import type { PaymentsDeps } from "./ports";

/** The message the customer receives: the description, the amount and the link. */
export const paymentLinkMessage = (payment: Payment): string =>
  `${payment.description ?? "Payment"}: ${payment.amount.currency} ${payment.amount.amount}\n${payment.paymentLink ?? ""}`.trim();

/**
 * Sends a pending payment's link into a conversation as a normal outbound message: the conversations
 * context checks the conversation (visibility, active integration, the channel's rules) and queues it.
 */
export async function sendPaymentLink(
  deps: PaymentsDeps,
  actor: Actor,
  paymentId: string,
  conversationId: string,
): Promise<{ payment: Payment; messageId: string }> {
  const payment = await getPayment(deps, actor, paymentId);
  if (payment.status !== "pending" || !payment.paymentLink) {
    throw new DomainError(
      "UNPROCESSABLE",
      `Only a pending payment's link can be sent (it is ${payment.status})`,
    );
  }
  if (!deps.sendMessage) throw new DomainError("UNPROCESSABLE", "Messages cannot be sent from here");
  const message = await deps.sendMessage(actor, conversationId, paymentLinkMessage(payment));
  return { payment, messageId: message.id };
}
