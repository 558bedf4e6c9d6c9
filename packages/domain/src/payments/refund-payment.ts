import type { Actor } from "../auth/model";
import { activityActor } from "../deals/actor";
import { DomainError, notFound } from "../shared/errors";
import {
  addMoney,
  compareMoney,
  fromMinorUnits,
  type Money,
  parseMoney,
  toMinorUnits,
} from "../shared/money";
import { applyPaymentChangeIn, type PaymentChange, publishPaymentChange } from "./apply-change";
import { connectPaymentIntegration } from "./credentials";
import type { Payment } from "./model";
import type { HeldRefund, PaymentIntegration, PaymentsDeps, PaymentsRepos } from "./ports";
import type { ProviderResult, Refund, RefundRequest } from "./provider";
import { earlierRefundUnconfirmed, providerFailure, unconfirmedRefund } from "./provider-failure";

const notRefundable = (message: string) => new DomainError("UNPROCESSABLE", message);

/** What is left to refund, in the payment's currency. */
export const refundableOf = (payment: Pick<Payment, "amount" | "refundedAmount">): Money =>
  fromMinorUnits(
    toMinorUnits(payment.amount) - toMinorUnits(payment.refundedAmount),
    payment.amount.currency,
  );

/**
 * What a refund may ask for now: what is left, less what refunds in flight or awaiting the provider's confirmation
 * hold; nothing unless the payment is paid.
 */
export function refundableNowOf(
  payment: Pick<Payment, "status" | "amount" | "refundedAmount" | "refundsInFlight">,
): Money {
  const left =
    payment.status === "paid"
      ? toMinorUnits(refundableOf(payment)) - toMinorUnits(payment.refundsInFlight)
      : 0n;
  return fromMinorUnits(left > 0n ? left : 0n, payment.amount.currency);
}

function refundAmount(payment: Payment, reserved: Money, amount: string | undefined): Money {
  const refundable = fromMinorUnits(
    toMinorUnits(refundableOf(payment)) - toMinorUnits(reserved),
    payment.amount.currency,
  );
  if (toMinorUnits(refundable) <= 0n && amount === undefined) {
    throw notRefundable("All that is left is being refunded already");
  }
  if (amount === undefined) return refundable;
  // zero is the same 400 as a link of zero (the input's schema says so first)
  const money = parseMoney(amount, payment.amount.currency, "amount", {
    maxIntegerDigits: 13,
    positive: true,
  });
  if (compareMoney(money, refundable) > 0) {
    const inFlight = toMinorUnits(reserved) > 0n ? ` (${reserved.amount} is being refunded now)` : "";
    throw notRefundable(
      `At most ${refundable.amount} ${refundable.currency} can still be refunded${inFlight}`,
    );
  }
  return money;
}

/** The provider refunds once per key: a call repeated with it (a retry, the settlement sweep) gets the first answer. */
export const refundIdempotencyKey = (reservationId: string): string => `refund-${reservationId}`;

/** Asks the integration's provider for the refund; throws only when its credentials cannot be opened. */
export async function askProviderRefund(
  deps: Pick<PaymentsDeps, "cipher" | "providers">,
  stored: PaymentIntegration,
  request: RefundRequest,
): Promise<ProviderResult<Refund>> {
  const integration = connectPaymentIntegration(deps.cipher, stored);
  return integration.provider === "stripe"
    ? deps.providers.get("stripe").refund(integration.config, request)
    : deps.providers.get("mercadopago").refund(integration.config, request);
}

/**
 * The provider's refund as a change of the payment, read under its row lock: the total is absolute, and a
 * webhook's total (also absolute) left this refund out while it was reserved, so it never counts twice.
 */
export const refundChange = (
  current: Payment,
  refunded: Refund,
  credit: Pick<PaymentChange, "actorId" | "apiKeyId">,
): PaymentChange => ({
  organizationId: current.organizationId,
  provider: current.provider,
  lookup: { paymentId: current.id },
  event: { eventId: `refund:${refunded.refundId}`, type: "refund" },
  refundedTotal: addMoney(current.refundedAmount, refunded.amount),
  ...credit,
});

/** A refund's own request gives up on the provider within a minute: a reservation older than this was left behind. */
export const refundSettleAfterMs = 5 * 60_000;

/**
 * The request's Idempotency-Key scoped to its caller, as the API scopes it ("user:<id>:<key>", "apiKey:<id>:<key>"):
 * another caller's key of the same text is another request.
 */
export const refundRequestKey = (actor: Actor, key: string): string =>
  `${actor.kind === "apiKey" ? `apiKey:${actor.apiKeyId}` : `user:${actor.userId}`}:${key}`;

/**
 * Remembers, with the refund it recorded, the request that asked it (when it came with an Idempotency-Key): a
 * retry of it after the refund was settled (by the settlement job, or a retry) is answered, never made again.
 */
export async function recordRefundRequest(
  repos: Pick<PaymentsRepos, "refundRequests">,
  payment: Pick<Payment, "id" | "organizationId">,
  reservation: Pick<HeldRefund, "amount" | "requestKey">,
  refunded: Refund,
  now: Date,
): Promise<void> {
  if (!reservation.requestKey) return;
  await repos.refundRequests.record(
    payment.organizationId,
    {
      paymentId: payment.id,
      requestKey: reservation.requestKey,
      amount: reservation.amount,
      outcome: "refunded",
      providerRefundId: refunded.refundId,
    },
    now,
  );
}

export interface RefundInput {
  amount?: string | undefined;
  /**
   * The request's Idempotency-Key, when it came with one: a refund held unconfirmed that was asked with it is
   * resumed (the provider asked again with that refund's own key) instead of refused.
   */
  idempotencyKey?: string | undefined;
}

/**
 * The payment checked and its refund's amount reserved, in a short transaction under the payment's row lock. While
 * an earlier refund of the payment is held unconfirmed (the provider may have made it), a new one is refused: both
 * could be made. The same request retried (its Idempotency-Key) gets that held refund back, to ask it again. Held
 * refunds are read and marked under the same row lock, so of two refunds at the same moment the database decides.
 */
async function reserveRefund(deps: PaymentsDeps, actor: Actor, id: string, input: RefundInput, now: Date) {
  const organizationId = actor.organizationId;
  const requestKey =
    input.idempotencyKey === undefined ? undefined : refundRequestKey(actor, input.idempotencyKey);
  return deps.store.transaction(async (repos) => {
    const payment = await repos.payments.findById(organizationId, id, "update");
    if (!payment) throw notFound("Payment");
    // the request retried after its refund was recorded (by the settlement job, or another retry): answered
    if (requestKey && (await repos.refundRequests.find(organizationId, payment, requestKey))) {
      return { kind: "answered", payment } as const;
    }
    if (payment.status !== "paid")
      throw notRefundable(`Only a paid payment can be refunded (it is ${payment.status})`);
    if (!payment.providerPaymentId || !payment.integrationId) {
      throw notRefundable("The provider has not told us which of its payments this is yet");
    }
    const stored = await repos.integrations.findById(organizationId, payment.integrationId);
    const held = await repos.payments.heldRefunds(
      organizationId,
      payment,
      new Date(now.getTime() - refundSettleAfterMs),
    );
    const same =
      requestKey === undefined
        ? undefined
        : held.find((reservation) => reservation.requestKey === requestKey);
    const sameAmount =
      same !== undefined &&
      (input.amount === undefined ||
        compareMoney(
          parseMoney(input.amount, payment.amount.currency, "amount", { maxIntegerDigits: 13 }),
          same.amount,
        ) === 0);
    if (same && sameAmount && stored) {
      return {
        kind: "reserved",
        payment,
        providerPaymentId: payment.providerPaymentId,
        stored,
        reservation: same,
        resumed: true,
      } as const;
    }
    if (held.length > 0) throw earlierRefundUnconfirmed();
    const amount = refundAmount(
      payment,
      await repos.payments.reservedRefunds(organizationId, payment),
      input.amount,
    );
    if (!stored) throw notRefundable("The payment's integration was removed");
    const reservation = { id: deps.newId(), paymentId: payment.id, amount };
    await repos.payments.reserveRefund(organizationId, { ...reservation, requestKey }, now);
    return {
      kind: "reserved",
      payment,
      providerPaymentId: payment.providerPaymentId,
      stored,
      reservation: { ...reservation, requestKey: requestKey ?? null },
      resumed: false,
    } as const;
  });
}

/**
 * Refunds all that is left, or part of it, through the provider, then records it: the refunded total
 * grows, the payment is `refunded` once it reaches the amount, and the deal gets an activity.
 *
 * No transaction (so no database connection, no row lock) is held while the provider answers, which may take
 * seconds: a first short transaction reserves the amount under the payment's row lock, so that refunds of one
 * payment at the same moment never ask for more than is left; the provider is asked with the reservation's
 * idempotency key; a second short transaction adds the refund to the total and ends the reservation, or, when
 * the provider refused, the reservation just ends. When the provider may have refunded without saying so (a
 * timeout, a cut connection, a 5xx), the reservation stays, marked unconfirmed, for the `payment-refund-settle`
 * job (settle-refunds.ts) and the caller gets a PROVIDER_UNCONFIRMED; meanwhile another refund of the payment is
 * refused (REFUND_UNCONFIRMED), except the same request retried with its Idempotency-Key, which asks the provider
 * again about that refund. A provider's webhook counting the refund before it is recorded does not count it
 * twice: reservations are taken off the totals webhooks carry.
 */
export async function refundPayment(
  deps: PaymentsDeps,
  actor: Actor,
  id: string,
  input: RefundInput,
): Promise<Payment> {
  const organizationId = actor.organizationId;
  const reserved = await reserveRefund(deps, actor, id, input, deps.clock.now());
  if (reserved.kind === "answered") return reserved.payment;
  const { payment, providerPaymentId, stored, reservation, resumed } = reserved;
  // a resumed refund stays held until the provider answers for it: a refusal or a record ends it
  const release = () => deps.store.payments.releaseRefund(organizationId, reservation.id);
  let refund: ProviderResult<Refund>;
  try {
    refund = await askProviderRefund(deps, stored, {
      paymentId: payment.id,
      providerPaymentId,
      amount: reservation.amount,
      idempotencyKey: refundIdempotencyKey(reservation.id),
    });
  } catch (error) {
    if (!resumed) await release();
    throw error;
  }
  if (!refund.ok && refund.outcomeUnknown) {
    // the provider may have refunded: the reservation keeps the amount held until the settlement job knows, and
    // no other refund of the payment is asked meanwhile
    if (!resumed) {
      await deps.store.transaction(async (repos) => {
        await repos.payments.findById(organizationId, id, "update");
        await repos.payments.markRefundUnconfirmed(organizationId, reservation.id, deps.clock.now());
      });
    }
    deps.logger.warn(
      { reservationId: reservation.id, paymentId: payment.id, organizationId, error: refund.error },
      "the provider did not confirm a refund: left for the settlement job",
    );
    throw unconfirmedRefund(stored.provider, refund.error);
  }
  if (!refund.ok) {
    await release();
    throw providerFailure(stored.provider, refund.error, refund);
  }

  const refunded = refund.value;
  const now = deps.clock.now();
  const effects = await deps.store.transaction(async (repos) => {
    const current = await repos.payments.findById(organizationId, id, "update");
    // under the row lock, whoever ends the reservation records the refund (the settlement job may have, first)
    const ended = await repos.payments.releaseRefund(organizationId, reservation.id);
    if (!current) return undefined;
    if (!ended) return { recordedElsewhere: current };
    await recordRefundRequest(repos, current, reservation, refunded, now);
    return applyPaymentChangeIn(repos, deps, refundChange(current, refunded, activityActor(actor)), now);
  });
  if (!effects) throw notFound("Payment");
  if ("recordedElsewhere" in effects) return effects.recordedElsewhere;
  const result = await publishPaymentChange(deps, effects, now);
  return result.kind === "applied" ? result.payment : payment;
}
