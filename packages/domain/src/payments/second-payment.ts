import type { Deal } from "../deals/model";
import type { Payment } from "./model";
import type { PaymentsRepos } from "./ports";

/**
 * A change about another of the provider's payments than the one that paid this link: Mercado Pago lets a link
 * be paid more than once. It must neither be lost nor touch the first payment (its refund is not ours).
 */
export const isAboutAnotherPayment = (payment: Payment, providerPaymentId: string | undefined): boolean =>
  (payment.status === "paid" || payment.status === "refunded") &&
  payment.providerPaymentId !== null &&
  providerPaymentId !== undefined &&
  providerPaymentId !== payment.providerPaymentId;

/**
 * The customer paid the link again: the deal gets a `payment_paid` activity marked `duplicate`, once per
 * provider payment, so someone refunds it at the provider. Undefined when nothing was written.
 */
export async function recordSecondPayment(
  repos: PaymentsRepos,
  payment: Payment,
  providerPaymentId: string,
  now: Date,
): Promise<Deal | undefined> {
  const first = await repos.payments.recordEvent(payment.organizationId, {
    paymentId: payment.id,
    provider: payment.provider,
    eventId: `second-payment:${providerPaymentId}`,
    type: "second-payment",
  });
  if (!first || !payment.dealId) return undefined;
  const deal = await repos.deals.findById(payment.organizationId, payment.dealId, "share");
  if (!deal) return undefined;
  await repos.activities.create(payment.organizationId, {
    dealId: deal.id,
    type: "payment_paid",
    content: null,
    data: {
      paymentId: payment.id,
      provider: payment.provider,
      ...payment.amount,
      providerPaymentId,
      duplicate: true,
    },
    dueAt: null,
    actorId: null,
    createdAt: now,
  });
  return deal;
}
