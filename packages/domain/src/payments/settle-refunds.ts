import { applyPaymentChangeIn, publishPaymentChange } from "./apply-change";
import type { PaymentsDeps, UnsettledRefund } from "./ports";
import type { ProviderResult, Refund } from "./provider";
import {
  askProviderRefund,
  recordRefundRequest,
  refundChange,
  refundIdempotencyKey,
  refundSettleAfterMs,
} from "./refund-payment";

export { refundSettleAfterMs } from "./refund-payment";
/**
 * Stripe forgets an idempotency key 24 hours after its first request: replayed later, the key would refund again.
 * Kept well inside that (Mercado Pago does not say how long it keeps them).
 */
export const refundReplayWindowMs = 20 * 60 * 60_000;
export const refundSettleBatchSize = 100;

export interface RefundSettlement {
  /** The provider had refunded: recorded as the refund's own request would have. */
  recorded: number;
  /** The provider refused: the amount may be refunded again. */
  released: number;
  /** The provider could not say (unreachable, throttling, a server error): left for the next run. */
  kept: number;
  /** Too old to replay, or no longer askable (integration removed): left held, for someone to check. */
  needsAttention: number;
}

type Outcome = "recorded" | "released" | "kept" | "gone" | "needsAttention";

async function askAgain(
  deps: PaymentsDeps,
  reservation: UnsettledRefund,
): Promise<ProviderResult<Refund> | "gone" | "needsAttention"> {
  const { organizationId } = reservation;
  const payment = await deps.store.payments.findById(organizationId, reservation.paymentId);
  if (!payment) return "gone";
  const stored = payment.integrationId
    ? await deps.store.integrations.findById(organizationId, payment.integrationId)
    : undefined;
  if (!stored || !payment.providerPaymentId) return "needsAttention";
  try {
    return await askProviderRefund(deps, stored, {
      paymentId: payment.id,
      providerPaymentId: payment.providerPaymentId,
      amount: reservation.amount,
      idempotencyKey: refundIdempotencyKey(reservation.id),
    });
  } catch (error) {
    deps.logger.error({ err: error, reservationId: reservation.id }, "refund not replayed");
    return "needsAttention";
  }
}

/** Records the refund the provider confirmed, unless another run ended the reservation first. */
async function record(deps: PaymentsDeps, reservation: UnsettledRefund, refunded: Refund): Promise<Outcome> {
  const { organizationId } = reservation;
  const now = deps.clock.now();
  const effects = await deps.store.transaction(async (repos) => {
    // the payment's row lock first, as the refund's own request takes it; under it, whoever deletes the
    // reservation records the refund, and a concurrent run finds it gone
    const current = await repos.payments.findById(organizationId, reservation.paymentId, "update");
    const ended = await repos.payments.releaseRefund(organizationId, reservation.id);
    if (!current || !ended) return undefined;
    await recordRefundRequest(repos, current, reservation, refunded, now);
    // nobody's action now: the activity credits no one
    return applyPaymentChangeIn(
      repos,
      deps,
      refundChange(current, refunded, { actorId: null, apiKeyId: null }),
      now,
    );
  });
  if (!effects) return "gone";
  await publishPaymentChange(deps, effects, now);
  return "recorded";
}

async function settle(deps: PaymentsDeps, reservation: UnsettledRefund): Promise<Outcome> {
  const context = {
    reservationId: reservation.id,
    paymentId: reservation.paymentId,
    organizationId: reservation.organizationId,
  };
  const answer = await askAgain(deps, reservation);
  if (answer === "gone") return "gone";
  if (answer === "needsAttention") {
    deps.logger.error(
      context,
      "a refund left in flight cannot be asked of its provider again: check it there",
    );
    return "needsAttention";
  }
  if (answer.ok) return record(deps, reservation, answer.value);
  if (answer.retryable) {
    deps.logger.warn({ ...context, error: answer.error }, "a refund left in flight is still unanswered");
    return "kept";
  }
  const ended = await deps.store.payments.releaseRefund(reservation.organizationId, reservation.id);
  deps.logger.info({ ...context, error: answer.error }, "a refund left in flight was refused: released");
  return ended ? "released" : "gone";
}

/**
 * The `payment-refund-settle` job. A refund reserves its amount, asks the provider, then records the answer; a
 * process that died in between (or a provider that never answered) left the reservation, holding the amount
 * and taken off every webhook's refunded total. The provider is asked again with the same idempotency key,
 * outside any transaction: it answers with the refund it made (recorded as the refund's own request records
 * it), or refuses (released), or still cannot say (kept for the next run).
 *
 * A reservation past the replay window is not asked again: the provider may have forgotten the key, and would
 * refund a second time. Neither provider's adapter can look a refund up by our key, so it stays held (never
 * refunded twice) and is logged as an error on every run, for someone to check at the provider.
 */
export async function settleUnsettledRefunds(
  deps: PaymentsDeps,
  batchSize = refundSettleBatchSize,
): Promise<RefundSettlement> {
  const now = deps.clock.now().getTime();
  const from = new Date(now - refundReplayWindowMs);
  const before = new Date(now - refundSettleAfterMs);
  const settlement: RefundSettlement = { recorded: 0, released: 0, kept: 0, needsAttention: 0 };
  let after: UnsettledRefund | undefined;
  for (;;) {
    const batch = await deps.store.payments.findUnsettledRefunds({ from, before }, after, batchSize);
    for (const reservation of batch) {
      const outcome = await settle(deps, reservation);
      if (outcome !== "gone") settlement[outcome] += 1;
    }
    after = batch.at(-1);
    if (batch.length < batchSize) break;
  }
  const stale = await deps.store.payments.findUnsettledRefunds({ before: from }, undefined, batchSize);
  for (const reservation of stale) {
    deps.logger.error(
      {
        reservationId: reservation.id,
        paymentId: reservation.paymentId,
        organizationId: reservation.organizationId,
        reservedAt: reservation.createdAt.toISOString(),
      },
      "a refund left in flight is too old to ask its provider again: check it there",
    );
  }
  settlement.needsAttention += stale.length;
  return settlement;
}
