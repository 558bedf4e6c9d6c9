import { type DealChange, publishDealUpdated } from "../deals/events";
import { lockDealInPipelineOrder } from "../deals/lock-deal";
import type { Deal } from "../deals/model";
import type { NewDealActivity } from "../deals/ports";
import { changeDealStatus } from "../deals/status";
import type { UserNotification } from "../notifications/model";
import { toNotificationEventPayload } from "../notifications/notify";
import { compareMoney, fromMinorUnits, type Money, toMinorUnits } from "../shared/money";
import { dealPaymentProgress, shortOfValueData, withPaymentInFull } from "./deal-paid-total";
import { publishPaymentStatus } from "./events";
import { notifyLostDealPaid, reopenedByPaymentData } from "./lost-deal-paid";
import type { Payment, PaymentProviderName, PaymentStatus } from "./model";
import type { PaymentLookup, PaymentPatch, PaymentsDeps, PaymentsRepos } from "./ports";
import { isAboutAnotherPayment, recordSecondPayment } from "./second-payment";
import { canMoveTo } from "./status";

export interface PaymentChange {
  organizationId: string;
  provider: PaymentProviderName;
  lookup: PaymentLookup;
  /** The provider's event (or our refund's id): applied at most once. */
  event: { eventId: string; type: string };
  status?: PaymentStatus | undefined;
  providerPaymentId?: string | undefined;
  /** The total refunded as the provider (or our refund just made) counts it: never lowers ours. */
  refundedTotal?: Money | undefined;
  actorId?: string | null | undefined;
  /** The API key that made the change (a refund, say), credited on the deal's activity. */
  apiKeyId?: string | null | undefined;
  /** The stored webhook this change comes from: marked processed in the same transaction. */
  webhookLogId?: string | undefined;
  /**
   * Not for a payment the customer started at the provider (its attempt id is known): the expiry sweep's, which
   * read the payment without one but applies it later, when a webhook may have recorded an attempt.
   */
  unlessAttempted?: boolean | undefined;
  /** Why a link is closed before its time: the deal gets a `payment_expired` activity saying so. */
  expiredReason?: "integration_deleted" | undefined;
  /**
   * The attempt `providerPaymentId` names failed, the link still payable (a declined card): the payment stays
   * pending, and an id of that attempt recorded while it was in progress is forgotten, so that the expiry sweep
   * and an integration's deletion do not wait for it.
   */
  attemptFailed?: boolean | undefined;
  /**
   * With `attemptFailed`: the provider's reason, written on the deal's `payment_declined` activity once per
   * `attempt` (Stripe: its event, one per declined card; Mercado Pago: its payment, told of by several notifications).
   */
  decline?: { attempt: string; code?: string | undefined; message?: string | undefined } | undefined;
}

export type ChangeOutcome =
  | { kind: "applied"; payment: Payment; changed: boolean }
  /** The webhook was processed already (another job, a redelivery). */
  | { kind: "done" }
  /** No payment of ours matches (e.g. another use of the same Stripe account). */
  | { kind: "unknown" };

export interface Effects {
  payment: Payment;
  paymentChanged: boolean;
  deal: Deal | undefined;
  dealChanges: DealChange[];
  notification?: UserNotification | undefined;
}

const minMoney = (a: Money, b: Money): Money => (compareMoney(a, b) <= 0 ? a : b);
const paidLike = (status: PaymentStatus) => status === "paid" || status === "refunded";

/**
 * The refunded total after this change: only grows, never above the amount, only in the payment's currency.
 * `inFlight` is what our refunds still waiting for the provider's answer hold: a provider's total may already
 * count them, and each adds itself once answered, so it is taken off the provider's total.
 */
function newRefundedTotal(payment: Payment, change: PaymentChange, inFlight: Money | undefined): Money {
  let refunded = payment.refundedAmount;
  const { refundedTotal } = change;
  if (refundedTotal && refundedTotal.currency === refunded.currency) {
    const held = inFlight && inFlight.currency === refundedTotal.currency ? toMinorUnits(inFlight) : 0n;
    const counted = toMinorUnits(refundedTotal) - held;
    if (counted > toMinorUnits(refunded)) refunded = fromMinorUnits(counted, refunded.currency);
  }
  // `refunded` from the provider means all of it, whatever total it reports (a chargeback reports none)
  if (change.status === "refunded") refunded = payment.amount;
  return minMoney(refunded, payment.amount);
}

function targetStatus(payment: Payment, change: PaymentChange, refunded: Money): PaymentStatus | undefined {
  const fullyRefunded = compareMoney(refunded, payment.amount) === 0;
  const candidates: PaymentStatus[] = [];
  if (change.status && change.status !== "refunded") candidates.push(change.status);
  // a refund means it was paid, even when the refund's notification comes first
  if (toMinorUnits(refunded) > 0n) candidates.push(fullyRefunded ? "refunded" : "paid");
  let status: PaymentStatus | undefined;
  for (const candidate of candidates) {
    if (canMoveTo(status ?? payment.status, candidate)) status = candidate;
  }
  return status;
}

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
async function recordPaidOnDeal(
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

async function recordRefundOnDeal(
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

async function recordExpiredOnDeal(
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
async function recordDeclineOnDeal(
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

/**
 * Applies what a provider (or our own refund) says about a payment, in ONE transaction: the payment's
 * status and refunded total (only forward), the provider event (once), the deal won with its activities,
 * the webhook log marked processed. `payment_status` and `deal_updated` are published after the commit.
 */
export async function applyPaymentChange(deps: PaymentsDeps, change: PaymentChange): Promise<ChangeOutcome> {
  const now = deps.clock.now();
  const effects = await deps.store.transaction((repos) => applyPaymentChangeIn(repos, deps, change, now));
  return publishPaymentChange(deps, effects, now);
}

/**
 * `applyPaymentChange`'s writes, inside the caller's transaction (a refund records itself under the payment's
 * row lock it took before calling the provider); publish its effects with `publishPaymentChange` after the commit.
 */
export async function applyPaymentChangeIn(
  repos: PaymentsRepos,
  deps: Pick<PaymentsDeps, "logger">,
  change: PaymentChange,
  now: Date,
): Promise<Effects | ChangeOutcome> {
  if (change.webhookLogId) {
    const log = await repos.webhookLogs.lock(change.webhookLogId);
    if (!log || log.status === "success" || log.status === "failed") return { kind: "done" };
  }
  const finish = async <T>(result: T): Promise<T> => {
    if (change.webhookLogId) await repos.webhookLogs.markProcessed(change.webhookLogId, now);
    return result;
  };
  const { organizationId } = change;
  const payment = await repos.payments.findForUpdate(organizationId, change.provider, change.lookup);
  if (!payment) return finish<ChangeOutcome>({ kind: "unknown" });
  if (change.unlessAttempted && payment.providerPaymentId)
    return finish<ChangeOutcome>({ kind: "applied", payment, changed: false });
  const fresh = await repos.payments.recordEvent(organizationId, {
    paymentId: payment.id,
    provider: change.provider,
    ...change.event,
  });
  if (!fresh) return finish<ChangeOutcome>({ kind: "applied", payment, changed: false });
  if (isAboutAnotherPayment(payment, change.providerPaymentId)) {
    const deal =
      change.status === "paid" && change.providerPaymentId
        ? await recordSecondPayment(repos, payment, change.providerPaymentId, now)
        : undefined;
    return finish({ payment, paymentChanged: false, deal, dealChanges: deal ? ["activity"] : [] });
  }

  const patch: PaymentPatch = {};
  // a link may be tried several times (Mercado Pago: a rejected card, then another): the attempt that
  // paid is the one refunds must go to, so it replaces an earlier attempt's id until the payment is paid
  const paidAttempt = change.status === "paid" && !paidLike(payment.status);
  if (change.attemptFailed) {
    // the payment_events row keeps the failed attempt; the link stays payable
    deps.logger.info(
      { paymentId: payment.id, providerPaymentId: change.providerPaymentId, event: change.event.type },
      "a payment attempt failed; the link stays payable",
    );
    if (payment.status === "pending" && payment.providerPaymentId === change.providerPaymentId) {
      if (payment.providerPaymentId !== null) patch.providerPaymentId = null;
    }
  } else if (change.providerPaymentId && (!payment.providerPaymentId || paidAttempt)) {
    if (change.providerPaymentId !== payment.providerPaymentId) {
      patch.providerPaymentId = change.providerPaymentId;
    }
  }
  // a webhook's total is the provider's; our own refund's (no webhook) counts only itself
  const inFlight =
    change.refundedTotal && change.webhookLogId
      ? await repos.payments.reservedRefunds(organizationId, payment)
      : undefined;
  const refunded = newRefundedTotal(payment, change, inFlight);
  const refundGrew = compareMoney(refunded, payment.refundedAmount) > 0;
  if (refundGrew) patch.refundedAmount = refunded;
  const status = targetStatus(payment, change, refunded);
  if (status) patch.status = status;
  const becamePaid = status !== undefined && paidLike(status) && !paidLike(payment.status);
  if (becamePaid && !payment.paidAt) patch.paidAt = now;
  // a late notice of a failed attempt at a link paid or closed since means nothing to the seller any more
  const declinedDeal =
    change.attemptFailed && payment.status === "pending"
      ? await recordDeclineOnDeal(repos, payment, change, now)
      : undefined;
  if (Object.keys(patch).length === 0) {
    const dealChanges: DealChange[] = declinedDeal ? ["activity"] : [];
    return finish({ payment, paymentChanged: false, deal: declinedDeal, dealChanges });
  }

  const updated = await repos.payments.update(organizationId, payment.id, patch, now);
  let deal: Deal | undefined = declinedDeal;
  let notification: UserNotification | undefined;
  const dealChanges: DealChange[] = declinedDeal ? ["activity"] : [];
  if (becamePaid) {
    const paid = await recordPaidOnDeal(repos, updated, change, now);
    deal = paid?.deal;
    notification = paid?.notification;
    dealChanges.push(...(paid?.changes ?? []));
  }
  if (patch.status === "expired" && change.expiredReason) {
    deal = await recordExpiredOnDeal(repos, updated, change.expiredReason, change, now);
    if (deal) dealChanges.push("activity");
  }
  if (refundGrew) {
    const refundedDeal = await recordRefundOnDeal(repos, payment, refunded, change, now);
    deal ??= refundedDeal;
    if (refundedDeal && !dealChanges.includes("activity")) dealChanges.push("activity");
  }
  const paymentChanged = patch.status !== undefined || patch.refundedAmount !== undefined;
  return finish({ payment: updated, paymentChanged, deal, dealChanges, notification });
}

/** Publishes what `applyPaymentChangeIn` changed, once its transaction committed. */
export async function publishPaymentChange(
  deps: PaymentsDeps,
  effects: Effects | ChangeOutcome,
  now: Date,
): Promise<ChangeOutcome> {
  if ("kind" in effects) return effects;
  if (effects.paymentChanged) await publishPaymentStatus(deps.events, effects.payment, now);
  if (effects.deal && effects.dealChanges.length > 0) {
    const { deal } = effects;
    await publishDealUpdated(
      deps.events,
      deal.organizationId,
      {
        dealId: deal.id,
        pipelineId: deal.pipelineId,
        stage: deal.stageId,
        status: deal.status,
        changes: effects.dealChanges,
      },
      now,
    );
  }
  if (effects.notification) {
    await deps.events.publish({
      type: "notification",
      organizationId: effects.notification.organizationId,
      payload: toNotificationEventPayload(effects.notification),
      occurredAt: effects.notification.createdAt.toISOString(),
    });
  }
  return { kind: "applied", payment: effects.payment, changed: effects.paymentChanged };
}
