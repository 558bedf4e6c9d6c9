import type { EventBus } from "../shared/events";
import type { Payment } from "./model";

export const paymentStatusEventType = "payment_status";

export interface PaymentStatusPayload {
  paymentId: string;
  dealId: string | null;
  provider: string;
  status: string;
  amount: string;
  refundedAmount: string;
  currency: string;
}

/** Call after the transaction commits. */
export async function publishPaymentStatus(events: EventBus, payment: Payment, at: Date): Promise<void> {
  const payload: PaymentStatusPayload = {
    paymentId: payment.id,
    dealId: payment.dealId,
    provider: payment.provider,
    status: payment.status,
    amount: payment.amount.amount,
    refundedAmount: payment.refundedAmount.amount,
    currency: payment.amount.currency,
  };
  await events.publish({
    type: paymentStatusEventType,
    organizationId: payment.organizationId,
    payload,
    occurredAt: at.toISOString(),
  });
}
