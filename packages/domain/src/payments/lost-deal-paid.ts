import type { Deal } from "../deals/model";
import type { UserNotification } from "../notifications/model";
import type { NotificationRepository } from "../notifications/ports";
import type { Payment } from "./model";

/** What the "won" activity records when a payment wins a deal that had been marked lost. */
export const reopenedByPaymentData = (deal: Deal, payment: Payment) => ({
  paymentId: payment.id,
  reopenedFrom: "lost",
  lostReason: deal.lostReason,
});

/**
 * Money arrived on a deal someone had marked lost: its assignee (else whoever created the link) is told, once
 * per payment, whether or not the payment won it. Undefined when nobody is there to tell.
 */
export async function notifyLostDealPaid(
  notifications: NotificationRepository,
  deal: Deal,
  payment: Payment,
  won: boolean,
): Promise<UserNotification | undefined> {
  const userId = deal.assigneeId ?? payment.createdBy;
  if (!userId) return undefined;
  return notifications.createOnce(deal.organizationId, userId, `lost_deal_paid:${payment.id}`, {
    type: "lost_deal_paid",
    data: {
      dealId: deal.id,
      paymentId: payment.id,
      amount: payment.amount.amount,
      currency: payment.amount.currency,
      lostReason: deal.lostReason,
      won,
    },
  });
}
