import type { Actor } from "../auth/model";
import { DomainError, notFound } from "../shared/errors";
import { parseId } from "../shared/ids";
import { type CreatePaymentInput, createPayment } from "./create-payment";
import type { Payment } from "./model";
import { recordLinkSent } from "./payment-link-activities";
import {
  composePaymentLinkMessage,
  defaultPaymentLinkText,
  parsePaymentLinkText,
} from "./payment-link-message";
import { getPayment } from "./payment-queries";
import type { PaymentsDeps } from "./ports";

/**
 * The message the customer receives, in the organization's language: the agent's text, or the default one that
 * names the amount as money is written there (R$ 1.234,56), then the link.
 */
export function paymentLinkMessage(payment: Payment, locale: string, text?: string): string {
  return composePaymentLinkMessage(
    payment.paymentLink ?? "",
    text ?? defaultPaymentLinkText(payment.amount, locale),
  );
}

type LinkSender = (payment: Payment, text: string | undefined) => Promise<{ id: string }>;

export interface SentPaymentLink {
  payment: Payment;
  messageId: string;
}

const cannotSend = (message: string) => new DomainError("UNPROCESSABLE", message);

/**
 * The link goes to the deal's contact only: the conversation must be one the actor may see (else 404, as
 * for any conversation), be with the deal's contact and able to take a message now (else 422), all checked
 * before a link is made.
 */
async function assertConversationWithDealContact(
  deps: PaymentsDeps,
  actor: Actor,
  conversationId: string,
  dealContactId: string | null,
): Promise<LinkSender> {
  const { sendMessage, checkConversation, organizationLocale } = deps;
  if (!sendMessage || !checkConversation || !organizationLocale) {
    throw cannotSend("Messages cannot be sent from here");
  }
  const { contactId } = await checkConversation(actor, parseId(conversationId, "conversationId"));
  if (dealContactId === null) throw cannotSend("The deal has no contact to send the link to");
  if (contactId !== dealContactId) {
    throw new DomainError("UNPROCESSABLE", "The conversation is not with the deal's contact", {
      fieldErrors: { conversationId: ["The conversation is not with the deal's contact"] },
    });
  }
  return async (payment, text) => {
    const locale = await organizationLocale(actor.organizationId);
    const message = await sendMessage(actor, conversationId, paymentLinkMessage(payment, locale, text));
    // the message is queued by now: a timeline entry that could not be written must not report the send as failed
    await recordLinkSent(deps, actor, payment, conversationId, message.id).catch((error: unknown) =>
      deps.logger.error({ err: error, paymentId: payment.id }, "payment_link_sent activity not written"),
    );
    return message;
  };
}

async function dealContactOf(
  deps: PaymentsDeps,
  actor: Actor,
  dealId: string | null,
): Promise<string | null> {
  if (dealId === null) return null;
  const deal = await deps.store.deals.findById(actor.organizationId, dealId);
  return deal?.contactId ?? null;
}

/**
 * Sends a pending payment's link into a conversation with its deal's contact as a normal outbound message:
 * the conversations context checks the conversation (visibility, active integration, the channel's rules),
 * stores the message pending and queues its sending.
 */
export async function sendPaymentLink(
  deps: PaymentsDeps,
  actor: Actor,
  paymentId: string,
  conversationId: string,
  message?: string,
): Promise<SentPaymentLink> {
  const text = message === undefined ? undefined : parsePaymentLinkText(message);
  const payment = await getPayment(deps, actor, paymentId);
  if (payment.status !== "pending" || !payment.paymentLink) {
    throw cannotSend(`Only a pending payment's link can be sent (it is ${payment.status})`);
  }
  // the provider refuses an expired link (Mercado Pago tells us nothing of it): a customer must not get a dead one
  if (payment.expiresAt && payment.expiresAt.getTime() <= deps.clock.now().getTime()) {
    throw cannotSend(`This link expired at ${payment.expiresAt.toISOString()}: create a new one`);
  }
  // the provider still takes the money, but its notifications come to an integration that no longer exists;
  // a paused one still records them
  const integration = payment.integrationId
    ? await deps.store.integrations.findById(actor.organizationId, payment.integrationId)
    : undefined;
  if (!integration) {
    throw cannotSend(
      "This link's payment provider was disconnected, so its payment would not reach the CRM: create a new link",
    );
  }
  const contactId = await dealContactOf(deps, actor, payment.dealId);
  const send = await assertConversationWithDealContact(deps, actor, conversationId, contactId);
  const sent = await send(payment, text);
  return { payment, messageId: sent.id };
}

/**
 * The "send payment link" action: checks the deal and the conversation first, creates the link through the
 * provider, then sends it with the agent's text (`message`) or the default one. When sending fails after the link
 * was made (the channel refused), the error is raised and the pending payment stays, to be sent again with
 * `sendPaymentLink`.
 */
export async function createAndSendPaymentLink(
  deps: PaymentsDeps,
  actor: Actor,
  input: CreatePaymentInput & { conversationId: string; message?: string | undefined },
): Promise<SentPaymentLink> {
  const { conversationId, message, ...fields } = input;
  const text = message === undefined ? undefined : parsePaymentLinkText(message);
  const dealId = parseId(fields.dealId, "dealId");
  const deal = await deps.store.deals.findById(actor.organizationId, dealId);
  if (!deal) throw notFound("Deal");
  const send = await assertConversationWithDealContact(deps, actor, conversationId, deal.contactId);
  const payment = await createPayment(deps, actor, fields);
  const sent = await send(payment, text);
  return { payment, messageId: sent.id };
}
