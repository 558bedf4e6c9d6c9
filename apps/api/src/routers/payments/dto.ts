import type { payment } from "@crm/contracts";
import { type Payment, refundableNowOf } from "@crm/domain";
import type { z } from "zod";

export const toPaymentDto = (p: Payment): z.infer<typeof payment> => ({
  id: p.id,
  dealId: p.dealId,
  integrationId: p.integrationId,
  provider: p.provider,
  status: p.status,
  amount: p.amount.amount,
  refundedAmount: p.refundedAmount.amount,
  refundableAmount: refundableNowOf(p).amount,
  currency: p.amount.currency,
  description: p.description,
  paymentLink: p.paymentLink,
  createdBy: p.createdBy,
  providerPaymentId: p.providerPaymentId,
  providerReference: p.providerReference,
  expiresAt: p.expiresAt?.toISOString() ?? null,
  paidAt: p.paidAt?.toISOString() ?? null,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});
