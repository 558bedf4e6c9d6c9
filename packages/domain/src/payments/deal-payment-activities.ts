import type { DealChange } from "../deals/events";
import { lockDealInPipelineOrder } from "../deals/lock-deal";
import type { Deal } from "../deals/model";
import type { NewDealActivity } from "../deals/ports";
import { changeDealStatus } from "../deals/status";
import type { UserNotification } from "../notifications/model";
import { fromMinorUnits, type Money, toMinorUnits } from "../shared/money";
import type { PaymentChange } from "./apply-change";
import { dealPaymentProgress, shortOfValueData, withPaymentInFull } from "./deal-paid-total";
import { notifyLostDealPaid, reopenedByPaymentData } from "./lost-deal-paid";
import type { Payment } from "./model";
import type { PaymentsRepos } from "./ports";

const activity = (
  deal: Deal,
  type: NewDealActivity["type"],
  data: Record<string, unknown>,
  change: PaymentChange,
  now: Date,
): NewDealActivity => ({
  dealId: deal.id,
  type,
  content: null,
  data,
  dueAt: null,
  actorId: change.actorId ?? null,
  apiKeyId: change.apiKeyId ?? null,
  createdAt: now,
});

/**
 * Records the payment on its deal and wins the deal (unless its pipeline says not to) once what its payments
 * brought in reaches its value; short of it (a deposit) the activity says how much of it is paid. A deal marked
 * lost is won too (the money arrived), with its lost reason kept in the activity and someone told.
 */
export async function recordPaidOnDeal(
  repos: PaymentsRepos,
  payment: Payment,
  change: PaymentChange,
  now: Date,
): Promise<{ deal: Deal; changes: DealChange[]; notification: UserNotification | undefined } | undefined> {
  if (!payment.dealId) return undefined;
  const organizationId = payment.organizationId;
  const locked = await lockDealInPipelineOrder(repos, organizationId, payment.dealId);
  if (!locked) return undefined;
  const { deal, pipeline } = locked;
  // summed only under the deal's lock: of two payments completing the value at once, the second to get the
  // lock sees the first committed, so exactly one of them wins the deal
  // this payment counts in full: a refund of it was made after it was paid, even when the refund's notification
  // came first, so the deal is won (or not) whatever order the provider's notifications arrive in
  const progress =
    pipeline?.winOnPayment && deal.status !== "won"
      ? dealPaymentProgress(
          deal.value,
          withPaymentInFull(await repos.payments.paidTotals(organizationId, deal.id), payment),
        )
      : undefined;
  const short = progress?.kind === "short" ? shortOfValueData(progress, payment.amount) : {};
  const activities = [
    activity(
      deal,
      "payment_paid",
      { paymentId: payment.id, provider: payment.provider, ...payment.amount, ...short },
      change,
      now,
    ),
  ];
  let updated = deal;
  const changes: DealChange[] = ["activity"];
  const win =
    progress && progress.kind !== "short" ? changeDealStatus(deal, "won", undefined, now) : undefined;
  if (win) {
    const { activity: _activity, ...fields } = win;
    updated = await repos.deals.update(organizationId, deal.id, fields, now);
    const data = deal.status === "lost" ? reopenedByPaymentData(deal, payment) : { paymentId: payment.id };
    activities.push(activity(deal, "won", data, change, now));
    changes.push("status");
  }
  await repos.activities.createMany(organizationId, activities);
  const notification =
    deal.status === "lost"
      ? await notifyLostDealPaid(repos.notifications, deal, payment, win !== undefined)
      : undefined;
  return { deal: updated, changes, notification };
}

export async function recordRefundOnDeal(
  repos: PaymentsRepos,
  payment: Payment,
  refunded: Money,
  change: PaymentChange,
  now: Date,
): Promise<Deal | undefined> {
  if (!payment.dealId) return undefined;
  const deal = await repos.deals.findById(payment.organizationId, payment.dealId, "share");
  if (!deal) return undefined;
  const delta = fromMinorUnits(
    toMinorUnits(refunded) - toMinorUnits(payment.refundedAmount),
    refunded.currency,
  );
  await repos.activities.create(
    payment.organizationId,
    activity(
      deal,
      "payment_refunded",
      {
        paymentId: payment.id,
        provider: payment.provider,
        amount: delta.amount,
        refundedAmount: refunded.amount,
        currency: refunded.currency,
      },
      change,
      now,
    ),
  );
  return deal;
}

export async function recordExpiredOnDeal(
  repos: PaymentsRepos,
  payment: Payment,
  reason: string,
  change: PaymentChange,
  now: Date,
): Promise<Deal | undefined> {
  if (!payment.dealId) return undefined;
  const deal = await repos.deals.findById(payment.organizationId, payment.dealId, "share");
  if (!deal) return undefined;
  await repos.activities.create(
    payment.organizationId,
    activity(
      deal,
      "payment_expired",
      { paymentId: payment.id, provider: payment.provider, ...payment.amount, reason },
      change,
      now,
    ),
  );
  return deal;
}

/**
 * A failed attempt at a pending link (a declined card) tells the seller, with the provider's reason, while the
 * customer may still pay: the caller writes it only for a provider event seen for the first time.
 */
export async function recordDeclineOnDeal(
  repos: PaymentsRepos,
  payment: Payment,
  change: PaymentChange,
  now: Date,
): Promise<Deal | undefined> {
  if (!payment.dealId) return undefined;
  if (change.decline) {
    const first = await repos.payments.recordEvent(payment.organizationId, {
      paymentId: payment.id,
      provider: payment.provider,
      eventId: `declined:${change.decline.attempt}`,
      type: "declined",
    });
    if (!first) return undefined;
  }
  const deal = await repos.deals.findById(payment.organizationId, payment.dealId, "share");
  if (!deal) return undefined;
  const { code, message } = change.decline ?? {};
  await repos.activities.create(
    payment.organizationId,
    activity(
      deal,
      "payment_declined",
      {
        paymentId: payment.id,
        provider: payment.provider,
        ...payment.amount,
        ...(change.providerPaymentId && { providerPaymentId: change.providerPaymentId }),
        ...(code && { declineCode: code }),
        ...(message && { declineMessage: message }),
      },
      change,
      now,
    ),
  );
  return deal;
}
