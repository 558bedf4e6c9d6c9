import { randomUUID } from "node:crypto";
import { activitiesOf } from "@crm/api/routers/deals/deal-fixtures";
import {
  createPaymentOk,
  type PaymentDto,
  paymentOf,
  paymentWorkspace,
  payThroughStripe,
  usePaymentsTestbed,
  waitForPayment,
} from "@crm/api/routers/payments/payment-fixtures";
import { type PaymentProviderName, type PaymentStatusPayload, parseMoney } from "@crm/domain";
import { askProviderRefund, refundIdempotencyKey } from "@crm/domain/payments/refund-payment";
import { settleUnsettledRefunds } from "@crm/domain/payments/settle-refunds";
import type { Logger } from "@crm/domain/shared/logger";
import { type FakeProvider, postWebhook } from "@crm/integrations/testing";
import { createInProcessQueue } from "@crm/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { registerProcessors } from "../../processors";
import { scheduleRefundSettlement } from "./settle-refunds";

/*
 * The `payment-refund-settle` job against the fake Stripe and Mercado Pago over HTTP. A refund left behind by a
 * crash is a reservation written as the refund's first transaction writes it, minutes ago, with or without the
 * provider call it was made for.
 */

const bed = usePaymentsTestbed();
const deps = () => bed.api.container.payments;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

const statuses: PaymentStatusPayload[] = [];
let stopRecording: (() => void) | undefined;
afterEach(() => {
  stopRecording?.();
  statuses.length = 0;
});

function workerQueue() {
  const queue = createInProcessQueue();
  registerProcessors(queue, {
    mailer: { send: async () => ({ messageId: "unused" }) },
    logger: bed.api.container.logger,
    payments: deps(),
  });
  return queue;
}

/** One run of the job, through its processor on a queue of the test's own, finished when this resolves. */
async function sweep() {
  const queue = workerQueue();
  await queue.enqueue("payment-refund-settle", {});
  await queue.whenIdle();
  await queue.close();
}

async function paidPayment(provider: PaymentProviderName) {
  const config = provider === "stripe" ? bed.stripe.config : bed.mp.config;
  const { owner, token, deal, integrationId } = await paymentWorkspace(bed.api, provider, config);
  const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
  if (provider === "stripe") {
    await payThroughStripe(bed, token, integrationId, created);
  } else {
    const paid = bed.mp.setPayment(created.providerReference ?? "", "approved");
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(paid.id)));
    await waitForPayment(bed.api, token, created.id, { status: "paid" });
  }
  const organizationId = owner.organization.id;
  stopRecording = bed.api.container.events.subscribe((event) => {
    if (event.type === "payment_status" && event.organizationId === organizationId) {
      statuses.push(event.payload as PaymentStatusPayload);
    }
  });
  return { organizationId, token, deal, payment: created };
}

type Paid = Awaited<ReturnType<typeof paidPayment>>;

/** The refund's first transaction, `at` then; its provider call and recording never happened. */
async function reservation(paid: Paid, amount: string, at: Date) {
  const id = randomUUID();
  await deps().store.payments.reserveRefund(
    paid.organizationId,
    { id, paymentId: paid.payment.id, amount: parseMoney(amount, "BRL", "amount") },
    at,
  );
  return id;
}

/** The provider call of a refund, made as the refund's own request makes it (`key`: its reservation's). */
async function refundAtProvider(paid: Paid, amount: string, key: string) {
  const payment = await deps().store.payments.findById(paid.organizationId, paid.payment.id);
  const stored = await deps().store.integrations.findById(paid.organizationId, payment?.integrationId ?? "");
  if (!payment?.providerPaymentId || !stored) throw new Error("the payment is not paid at a provider");
  const refund = await askProviderRefund(deps(), stored, {
    paymentId: payment.id,
    providerPaymentId: payment.providerPaymentId,
    amount: parseMoney(amount, "BRL", "amount"),
    idempotencyKey: key,
  });
  if (!refund.ok) throw new Error(`the provider refused: ${refund.error}`);
  return refund.value;
}

const reserved = async (paid: Paid) =>
  (
    await deps().store.payments.reservedRefunds(paid.organizationId, {
      id: paid.payment.id,
      amount: parseMoney("1", "BRL", "amount"),
    })
  ).amount;

async function refundActivities(paid: Paid) {
  return (await activitiesOf(bed.api, paid.token, paid.deal.id)).filter((a) => a.type === "payment_refunded");
}

const fakeOf = (provider: PaymentProviderName): FakeProvider => (provider === "stripe" ? bed.stripe : bed.mp);
/** The refund requests the fake received with this idempotency key. */
const refundRequests = (provider: PaymentProviderName, key: string) =>
  fakeOf(provider).requests.filter(
    (r) =>
      r.method === "POST" &&
      (r.path === "/v1/refunds" || r.path.endsWith("/refunds")) &&
      (r.headers["idempotency-key"] ?? r.headers["x-idempotency-key"]) === key,
  );
/** What the provider itself has refunded of the payment, in cents. */
function refundedAtProvider(provider: PaymentProviderName, payment: PaymentDto): number {
  if (provider === "stripe") {
    const intent = bed.stripe.sessions.get(payment.providerReference ?? "")?.payment_intent;
    return bed.stripe.refunds
      .filter((r) => r.payment_intent === intent)
      .reduce((sum, r) => sum + r.amount, 0);
  }
  const mp = bed.mp.payments.get(payment.providerPaymentId ?? "");
  return Math.round((mp?.transaction_amount_refunded ?? 0) * 100);
}

describe.each(["stripe", "mercadopago"] as const)("settling refunds left in flight (%s)", (provider) => {
  it("records once, as the refund itself would have, a refund the provider made before the crash", async () => {
    const paid = await paidPayment(provider);
    const id = await reservation(paid, "100.00", minutesAgo(10));
    const made = await refundAtProvider(paid, "100.00", refundIdempotencyKey(id));

    // two runs at once (two workers): both may ask the provider again, one records
    const [first, second] = await Promise.all([
      settleUnsettledRefunds(deps()),
      settleUnsettledRefunds(deps()),
    ]);
    expect(first.recorded + second.recorded).toBe(1);

    const payment = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(payment).toMatchObject({ status: "paid", refundedAmount: "100.00" });
    expect(await reserved(paid)).toBe("0.00");
    const activities = await refundActivities(paid);
    expect(activities).toHaveLength(1);
    expect(activities[0]?.data).toMatchObject({
      amount: "100.00",
      refundedAmount: "100.00",
      currency: "BRL",
    });
    // the event comes back through Redis's pub/sub: later than the writes on a loaded machine
    await expect
      .poll(() => statuses)
      .toEqual([
        expect.objectContaining({ paymentId: paid.payment.id, status: "paid", refundedAmount: "100.00" }),
      ]);
    // replayed with the same key: the provider answered with the refund it made, and made no other
    const replays = refundRequests(provider, refundIdempotencyKey(id));
    expect(replays.length).toBeGreaterThanOrEqual(2);
    expect(refundedAtProvider(provider, payment)).toBe(10_000);
    const recorded = await bed.api.container.db.db
      .selectFrom("payment_events")
      .select("event_id")
      .where("payment_id", "=", paid.payment.id)
      .where("type", "=", "refund")
      .execute();
    expect(recorded).toEqual([{ event_id: `refund:${made.refundId}` }]);

    // the job's next run finds nothing left
    await sweep();
    expect(await refundActivities(paid)).toHaveLength(1);
    expect(statuses).toHaveLength(1);
  });

  it("records a full refund as refunded, from the job's schedule", async () => {
    const paid = await paidPayment(provider);
    const id = await reservation(paid, "1234.56", minutesAgo(30));
    await refundAtProvider(paid, "1234.56", refundIdempotencyKey(id));

    // embedded mode's scheduler: an `everyMs` schedule runs at once, then on every interval
    const queue = workerQueue();
    await scheduleRefundSettlement(queue);
    await waitForPayment(bed.api, paid.token, paid.payment.id, {
      status: "refunded",
      refundedAmount: "1234.56",
    });
    await queue.close();

    expect(await refundActivities(paid)).toHaveLength(1);
  });

  it("settles every reservation left, a batch at a time", async () => {
    const paid = await paidPayment(provider);
    const ids = [
      await reservation(paid, "100.00", minutesAgo(12)),
      await reservation(paid, "200.00", minutesAgo(11)),
      await reservation(paid, "300.00", minutesAgo(11)),
    ];
    for (const [i, id] of ids.entries()) {
      await refundAtProvider(paid, `${(i + 1) * 100}.00`, refundIdempotencyKey(id));
    }

    const settled = await settleUnsettledRefunds(deps(), 1);

    expect(settled.recorded).toBeGreaterThanOrEqual(3);
    expect(await reserved(paid)).toBe("0.00");
    expect((await paymentOf(bed.api, paid.token, paid.payment.id)).refundedAmount).toBe("600.00");
    expect(await refundActivities(paid)).toHaveLength(3);
  });

  it("releases a reservation whose refund the provider refuses", async () => {
    const paid = await paidPayment(provider);
    const id = await reservation(paid, "100.00", minutesAgo(10));
    // meanwhile everything was refunded at the provider some other way (its dashboard): nothing is left
    await refundAtProvider(paid, "1234.56", `dashboard-${randomUUID()}`);

    await sweep();

    expect(refundRequests(provider, refundIdempotencyKey(id))).toHaveLength(1);
    expect(await reserved(paid)).toBe("0.00");
    expect(await paymentOf(bed.api, paid.token, paid.payment.id)).toMatchObject({
      status: "paid",
      refundedAmount: "0.00",
    });
    expect(await refundActivities(paid)).toHaveLength(0);
  });

  it("keeps a reservation while the provider cannot be reached, and settles it once it can", async () => {
    const paid = await paidPayment(provider);
    const id = await reservation(paid, "100.00", minutesAgo(10));
    const fake = fakeOf(provider);

    await fake.stopListening();
    try {
      expect((await settleUnsettledRefunds(deps())).kept).toBeGreaterThanOrEqual(1);
    } finally {
      await fake.listenAgain();
    }
    expect(await reserved(paid)).toBe("100.00");
    expect((await paymentOf(bed.api, paid.token, paid.payment.id)).refundedAmount).toBe("0.00");

    await sweep();
    // the call that never reached it did not count: the provider refunded once, on the key's first request
    expect(refundRequests(provider, refundIdempotencyKey(id))).toHaveLength(1);
    expect(await reserved(paid)).toBe("0.00");
    const payment = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(payment.refundedAmount).toBe("100.00");
    expect(refundedAtProvider(provider, payment)).toBe(10_000);
  });

  it("leaves alone a reservation too recent to be left behind, and one too old to ask again", async () => {
    const paid = await paidPayment(provider);
    const recent = await reservation(paid, "100.00", minutesAgo(1));
    const old = await reservation(paid, "200.00", minutesAgo(21 * 60));
    const errors: object[] = [];
    const base = bed.api.container.logger;
    const logger: Logger = {
      debug: (obj, msg) => base.debug(obj, msg),
      info: (obj, msg) => base.info(obj, msg),
      warn: (obj, msg) => base.warn(obj, msg),
      error: (obj) => void errors.push(obj),
    };

    await settleUnsettledRefunds({ ...deps(), logger });

    expect(refundRequests(provider, refundIdempotencyKey(recent))).toHaveLength(0);
    expect(refundRequests(provider, refundIdempotencyKey(old))).toHaveLength(0);
    expect(await reserved(paid)).toBe("300.00");
    // never refunded twice: held, and said on every run until someone checks it at the provider
    expect(errors).toContainEqual(
      expect.objectContaining({ reservationId: old, paymentId: paid.payment.id }),
    );
    expect(errors).not.toContainEqual(expect.objectContaining({ reservationId: recent }));
    for (const id of [recent, old]) await deps().store.payments.releaseRefund(paid.organizationId, id);
  });
});
