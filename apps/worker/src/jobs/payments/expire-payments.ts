import { expireOverduePayments } from "@crm/domain/payments/expire-payments";
import type { PaymentsDeps } from "@crm/domain/payments/ports";
import type { JobScheduler } from "@crm/runtime";

/** A payment stays pending at most this long after its link's expiry and grace period. */
export const paymentExpiryIntervalMs = 10 * 60_000;

/** `payment-expiry`: marks expired the payments still pending after their link expired. */
export async function expirePaymentsJob(deps: PaymentsDeps): Promise<void> {
  const expired = await expireOverduePayments(deps);
  if (expired > 0) deps.logger.info({ expired }, "payments whose link expired marked expired");
}

/** Registers the repeatable sweep at startup; one schedule per queue whatever the number of callers. */
export async function schedulePaymentExpiry(scheduler: JobScheduler): Promise<void> {
  await scheduler.schedule("payment-expiry", "payment-expiry", { everyMs: paymentExpiryIntervalMs }, {});
}
