import { type DealChange, publishDealUpdated } from "../deals/events";
import type { Deal } from "../deals/model";
import type { UserNotification } from "../notifications/model";
import { toNotificationEventPayload } from "../notifications/notify";
import { compareMoney, type Money } from "../shared/money";
import {
  recordDeclineOnDeal,
  recordExpiredOnDeal,
  recordPaidOnDeal,
  recordRefundOnDeal,
} from "./deal-payment-activities";
import { publishPaymentStatus } from "./events";
import type { Payment, PaymentProviderName, PaymentStatus } from "./model";
import { newRefundedTotal, paidLike, targetStatus } from "./payment-change-status";
import type { PaymentLookup, PaymentPatch, PaymentsDeps, PaymentsRepos } from "./ports";
import { isAboutAnotherPayment, recordSecondPayment } from "./second-payment";

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
