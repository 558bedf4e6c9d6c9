import type { Payment } from "./payment-filters";

/**
 * Whether a link may still go to a customer: pending, not past its expiry (the provider refuses it), and its
 * provider still connected (else the payment would be taken but never reach the CRM).
 */
export const isShareableLink = (
  payment: Pick<Payment, "status" | "paymentLink" | "integrationId" | "expiresAt">,
  now: Date = new Date(),
): boolean =>
  payment.status === "pending" &&
  payment.paymentLink !== null &&
  payment.integrationId !== null &&
  (payment.expiresAt === null || Date.parse(payment.expiresAt) > now.getTime());
