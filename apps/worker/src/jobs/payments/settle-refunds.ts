import type { PaymentsDeps } from "@crm/domain/payments/ports";
import { settleUnsettledRefunds } from "@crm/domain/payments/settle-refunds";
import type { JobScheduler } from "@crm/runtime";

/** A refund left in flight is settled within this long after it is old enough to be (settle-refunds.ts). */
export const refundSettlementIntervalMs = 5 * 60_000;

/** `payment-refund-settle`: records, releases or keeps the refunds whose answer was never recorded. */
export async function settleRefundsJob(deps: PaymentsDeps): Promise<void> {
  const settlement = await settleUnsettledRefunds(deps);
  if (Object.values(settlement).some((count) => count > 0)) {
    deps.logger.info(settlement, "refunds left in flight settled");
  }
}

/** Registers the repeatable sweep at startup; one schedule per queue whatever the number of callers. */
export async function scheduleRefundSettlement(scheduler: JobScheduler): Promise<void> {
  await scheduler.schedule(
    "payment-refund-settle",
    "payment-refund-settle",
    { everyMs: refundSettlementIntervalMs },
    {},
  );
}
