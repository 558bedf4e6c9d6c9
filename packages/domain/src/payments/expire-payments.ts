import { applyPaymentChange, type PaymentChange } from "./apply-change";
import type { Payment } from "./model";
import type { PaymentsDeps } from "./ports";

/**
 * How long after its link expired a payment is still left pending: a customer who paid in the link's last
 * seconds may be notified late, and should not see the payment flip to expired first.
 */
export const paymentExpiryGraceMs = 60 * 60_000;
export const paymentExpiryBatchSize = 500;

/** Payments whose link expired before this are swept. */
export const paymentExpiryCutoff = (now: Date): Date => new Date(now.getTime() - paymentExpiryGraceMs);

/** The sweep's change: once per payment, like a provider's event; a later `paid` still wins (status.ts). */
export const expiryChange = (
  payment: Pick<Payment, "id" | "organizationId" | "provider">,
): PaymentChange => ({
  organizationId: payment.organizationId,
  provider: payment.provider,
  lookup: { paymentId: payment.id },
  event: { eventId: `expiry:${payment.id}`, type: "expiry" },
  status: "expired",
  unlessAttempted: true,
});

/**
 * The `payment-expiry` job: Mercado Pago says nothing when a preference expires (and a Stripe
 * `checkout.session.expired` may be lost), so a payment still pending past its link's expiry and the grace
 * is marked expired through the same path as a provider's notification, each in its own transaction.
 * Answers how many were marked.
 */
export async function expireOverduePayments(
  deps: PaymentsDeps,
  batchSize = paymentExpiryBatchSize,
): Promise<number> {
  const before = paymentExpiryCutoff(deps.clock.now());
  let expired = 0;
  for (;;) {
    const batch = await deps.store.payments.findExpiredPending(before, batchSize);
    let changed = 0;
    for (const payment of batch) {
      const outcome = await applyPaymentChange(deps, expiryChange(payment));
      if (outcome.kind === "applied" && outcome.changed) changed += 1;
    }
    expired += changed;
    // a batch that changed nothing was taken by a concurrent run: reading it again would loop
    if (batch.length < batchSize || changed === 0) return expired;
  }
}
