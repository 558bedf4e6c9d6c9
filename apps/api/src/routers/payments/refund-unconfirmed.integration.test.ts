import {
  type Actor,
  type PaymentProviderName,
  type PaymentProviders,
  parseMoney,
  refundPayment,
} from "@crm/domain";
import { settleUnsettledRefunds } from "@crm/domain/payments/settle-refunds";
import { createPaymentProviders } from "@crm/integrations/payment-providers";
import {
  type FakeProvider,
  postWebhook,
  startFakeMercadoPago,
  startFakeStripe,
} from "@crm/integrations/testing";
import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { activitiesOf } from "../deals/deal-fixtures";
import {
  createPaymentOk,
  type PaymentDto,
  paymentOf,
  paymentWorkspace,
  payThroughStripe,
  usePaymentsTestbed,
  waitForPayment,
} from "./payment-fixtures";

/*
 * A refund whose provider call got no clear answer, over HTTP against the fake Stripe and Mercado Pago: when the
 * request may have reached the provider (a timeout, a cut connection, a 5xx), the refund may have been made, so its
 * reservation keeps the amount held and the caller is told not to retry; the settlement job later records it
 * once. Meanwhile no other refund of the payment is made (409 REFUND_UNCONFIRMED), except the same request retried
 * with its Idempotency-Key, which settles it. When it cannot have (a refused connection), the amount is given back
 * at once, as for any refusal.
 */

const bed = usePaymentsTestbed();
const deps = () => bed.api.container.payments;
let providers: PaymentProviders;

beforeAll(() => {
  // the API's providers wait 15 s for an answer; these give up sooner, so that a hung request ends quickly
  providers = createPaymentProviders(
    { stripe: bed.stripe.apiBase, mercadopago: bed.mp.apiBase },
    { timeoutMs: 1500 },
  );
  deps().providers = providers;
});
afterEach(() => {
  bed.stripe.recover();
  bed.mp.recover();
  deps().providers = providers;
});

const fakeOf = (provider: PaymentProviderName): FakeProvider => (provider === "stripe" ? bed.stripe : bed.mp);
/** Requests the adapter makes for a call left unanswered: the Stripe SDK retries once, with the same key. */
const attemptsOf = (provider: PaymentProviderName) => (provider === "stripe" ? 2 : 1);

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
  const actor: Actor = {
    kind: "user",
    userId: owner.user.id,
    organizationId: owner.organization.id,
    role: "owner",
    sessionId: "refund-test",
  };
  return { organizationId: owner.organization.id, token, deal, payment: created, actor };
}

type Paid = Awaited<ReturnType<typeof paidPayment>>;

const refund = (paid: Paid, body: { amount?: string }, idempotencyKey?: string) =>
  bed.api.rest<{ message: string; data: { appCode: string | null } } & Partial<PaymentDto>>(
    "POST",
    `/payments/${paid.payment.id}/refund`,
    { token: paid.token, body, ...(idempotencyKey && { headers: { "idempotency-key": idempotencyKey } }) },
  );

const reserved = async (paid: Paid) =>
  (
    await deps().store.payments.reservedRefunds(paid.organizationId, {
      id: paid.payment.id,
      amount: parseMoney("1", "BRL", "amount"),
    })
  ).amount;

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

const refundActivities = async (paid: Paid) =>
  (await activitiesOf(bed.api, paid.token, paid.deal.id)).filter((a) => a.type === "payment_refunded");

/** Minutes pass: the payment's reservations become old enough for the settlement job. */
async function minutesLater(paid: Paid) {
  await sql`update payment_refund_reservations set created_at = now() - interval '6 minutes'
    where payment_id = ${paid.payment.id}`.execute(bed.api.container.db.db);
}

describe.each(["stripe", "mercadopago"] as const)("a %s refund without a clear answer", (provider) => {
  it("made but never answered: held, refused beyond what is left, then recorded once by the settlement job", async () => {
    const paid = await paidPayment(provider);
    fakeOf(provider).hangNext(attemptsOf(provider));

    const unanswered = await refund(paid, { amount: "100.00" });

    expect(unanswered.status).toBe(502);
    expect(unanswered.body.data.appCode).toBe("PROVIDER_UNCONFIRMED");
    expect(unanswered.body.message).toMatch(
      /did not confirm the refund.*settled automatically.*do not retry/s,
    );
    expect(await reserved(paid)).toBe("100.00");
    const afterwards = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(afterwards).toMatchObject({ status: "paid", refundedAmount: "0.00" });
    expect(refundedAtProvider(provider, afterwards)).toBe(10_000);

    // nothing is refunded meanwhile, not even what is left beyond the held amount
    const everything = await refund(paid, { amount: "1234.56" });
    expect(everything.status).toBe(409);
    expect(everything.body.data.appCode).toBe("REFUND_UNCONFIRMED");
    expect((await refund(paid, { amount: "1.00" })).status).toBe(409);
    expect(refundedAtProvider(provider, afterwards)).toBe(10_000);

    await minutesLater(paid);
    // the job's first run meets a proxy's 502: that cannot tell either, so the amount stays held
    fakeOf(provider).badGatewayNext(attemptsOf(provider));
    expect((await settleUnsettledRefunds(deps())).kept).toBeGreaterThanOrEqual(1);
    expect(await reserved(paid)).toBe("100.00");
    fakeOf(provider).recover();
    expect((await settleUnsettledRefunds(deps())).recorded).toBeGreaterThanOrEqual(1);
    await settleUnsettledRefunds(deps());

    const settled = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(settled).toMatchObject({ status: "paid", refundedAmount: "100.00" });
    expect(await reserved(paid)).toBe("0.00");
    expect(refundedAtProvider(provider, settled)).toBe(10_000);
    const activities = await refundActivities(paid);
    expect(activities.map((a) => a.data)).toEqual([
      expect.objectContaining({ amount: "100.00", refundedAmount: "100.00" }),
    ]);
  });

  it("whose connection was cut after the provider made it: held, and settled once", async () => {
    const paid = await paidPayment(provider);
    fakeOf(provider).cutNext(attemptsOf(provider));

    const cut = await refund(paid, {});

    expect(cut.status).toBe(502);
    expect(cut.body.data.appCode).toBe("PROVIDER_UNCONFIRMED");
    expect(await reserved(paid)).toBe("1234.56");
    // nothing is refunded while it is held
    const again = await refund(paid, {});
    expect(again.status).toBe(409);
    expect(again.body.data.appCode).toBe("REFUND_UNCONFIRMED");

    await minutesLater(paid);
    await settleUnsettledRefunds(deps());
    const settled = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(settled).toMatchObject({ status: "refunded", refundedAmount: "1234.56" });
    expect(refundedAtProvider(provider, settled)).toBe(123_456);
    expect(await refundActivities(paid)).toHaveLength(1);
  });

  it("answered by the provider's own 500 after it made it: held, and settled once", async () => {
    const paid = await paidPayment(provider);
    fakeOf(provider).serverErrorAfterHandlingNext(attemptsOf(provider));

    const failed = await refund(paid, { amount: "100.00" });

    expect(failed.status).toBe(502);
    expect(failed.body.data.appCode).toBe("PROVIDER_UNCONFIRMED");
    expect(await reserved(paid)).toBe("100.00");
    expect(refundedAtProvider(provider, await paymentOf(bed.api, paid.token, paid.payment.id))).toBe(10_000);

    await minutesLater(paid);
    expect((await settleUnsettledRefunds(deps())).recorded).toBeGreaterThanOrEqual(1);
    const settled = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(settled).toMatchObject({ status: "paid", refundedAmount: "100.00" });
    expect(refundedAtProvider(provider, settled)).toBe(10_000);
    expect(await reserved(paid)).toBe("0.00");
    expect(await refundActivities(paid)).toHaveLength(1);
  });

  it("answered by the provider's own 500, nothing made: held, then made once by the settlement job", async () => {
    const paid = await paidPayment(provider);
    fakeOf(provider).failNext(500, attemptsOf(provider));

    const failed = await refund(paid, { amount: "100.00" });

    expect(failed.status).toBe(502);
    expect(failed.body.data.appCode).toBe("PROVIDER_UNCONFIRMED");
    expect(await reserved(paid)).toBe("100.00");
    await minutesLater(paid);
    await settleUnsettledRefunds(deps());
    const settled = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(settled).toMatchObject({ status: "paid", refundedAmount: "100.00" });
    expect(refundedAtProvider(provider, settled)).toBe(10_000);
  });

  it("held: a new refund is refused with 409 even within what is left; the same request retried resolves it", async () => {
    const paid = await paidPayment(provider);
    const first = crypto.randomUUID();
    fakeOf(provider).hangNext(attemptsOf(provider));
    expect((await refund(paid, { amount: "100.00" }, first)).body.data.appCode).toBe("PROVIDER_UNCONFIRMED");

    // the same amount again, as someone ignoring "do not retry" would, with a new key or none
    for (const key of [crypto.randomUUID(), undefined]) {
      const again = await refund(paid, { amount: "100.00" }, key);
      expect(again.status, JSON.stringify(again.body)).toBe(409);
      expect(again.body.data.appCode).toBe("REFUND_UNCONFIRMED");
      expect(again.body.message).toMatch(
        /earlier refund.*awaits the provider's confirmation.*settled automatically/s,
      );
    }
    expect(await reserved(paid)).toBe("100.00");
    expect(refundedAtProvider(provider, await paymentOf(bed.api, paid.token, paid.payment.id))).toBe(10_000);
    // the API's document says a refund may answer so
    const doc = (await (await fetch(`${bed.api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.paths["/payments/{id}/refund"]?.post?.responses["409"]).toBeDefined();
    expect(JSON.stringify(doc.components.schemas["error.CONFLICT"])).toContain("REFUND_UNCONFIRMED");

    // the request retried with its key asks the provider about that refund: made once, recorded once
    const retried = await refund(paid, { amount: "100.00" }, first);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ status: "paid", refundedAmount: "100.00" });
    expect(await reserved(paid)).toBe("0.00");
    const afterwards = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(refundedAtProvider(provider, afterwards)).toBe(10_000);
    expect(await refundActivities(paid)).toHaveLength(1);

    // settled: the payment may be refunded again, and the settlement job finds nothing to do
    await minutesLater(paid);
    expect(await settleUnsettledRefunds(deps())).toMatchObject({ recorded: 0, released: 0 });
    const next = await refund(paid, { amount: "34.56" }, crypto.randomUUID());
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    expect(next.body).toMatchObject({ refundedAmount: "134.56" });
  });

  it("held: the same request retried twice at once, while the settlement job runs, still refunds once", async () => {
    const paid = await paidPayment(provider);
    const first = crypto.randomUUID();
    fakeOf(provider).cutNext(attemptsOf(provider));
    expect((await refund(paid, { amount: "100.00" }, first)).body.data.appCode).toBe("PROVIDER_UNCONFIRMED");
    await minutesLater(paid);

    // past the API's own Idempotency-Key check (which answers a second request with the key in progress 409):
    // the use case itself, twice at once, with the settlement job
    const retry = () => refundPayment(deps(), paid.actor, paid.payment.id, { idempotencyKey: first });
    const outcomes = await Promise.allSettled([retry(), retry(), settleUnsettledRefunds(deps())]);

    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    const settled = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(settled).toMatchObject({ status: "paid", refundedAmount: "100.00" });
    expect(refundedAtProvider(provider, settled)).toBe(10_000);
    expect(await refundActivities(paid)).toHaveLength(1);
    expect(await reserved(paid)).toBe("0.00");
  });

  it("held, then settled by the job: the same request retried afterwards is answered, not made again", async () => {
    const paid = await paidPayment(provider);
    const first = crypto.randomUUID();
    fakeOf(provider).hangNext(attemptsOf(provider));
    expect((await refund(paid, { amount: "100.00" }, first)).body.data.appCode).toBe("PROVIDER_UNCONFIRMED");
    await minutesLater(paid);
    expect((await settleUnsettledRefunds(deps())).recorded).toBeGreaterThanOrEqual(1);

    // twice: the second gets the first's answer again from the API's Idempotency-Key store
    for (const _ of [1, 2]) {
      const retried = await refund(paid, { amount: "100.00" }, first);
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      expect(retried.body).toMatchObject({ status: "paid", refundedAmount: "100.00" });
    }
    const afterwards = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(refundedAtProvider(provider, afterwards)).toBe(10_000);
    expect(await refundActivities(paid)).toHaveLength(1);
  });

  it("left behind by a process that stopped (never marked, minutes old) holds new refunds back too", async () => {
    const paid = await paidPayment(provider);
    await sql`insert into payment_refund_reservations (id, organization_id, payment_id, amount, created_at)
      values (${crypto.randomUUID()}, ${paid.organizationId}, ${paid.payment.id}, 10, now() - interval '6 minutes')`.execute(
      bed.api.container.db.db,
    );

    const again = await refund(paid, { amount: "100.00" });

    expect(again.status).toBe(409);
    expect(again.body.data.appCode).toBe("REFUND_UNCONFIRMED");
    expect(refundedAtProvider(provider, await paymentOf(bed.api, paid.token, paid.payment.id))).toBe(0);
  });

  it("whose connection was refused: nothing was made, the amount is given back at once", async () => {
    const paid = await paidPayment(provider);
    // a provider no connection was ever kept open to: nothing can carry the request
    const offline = provider === "stripe" ? await startFakeStripe() : await startFakeMercadoPago();
    await offline.stopListening();
    deps().providers = createPaymentProviders(
      {
        stripe: provider === "stripe" ? offline.apiBase : bed.stripe.apiBase,
        mercadopago: provider === "mercadopago" ? offline.apiBase : bed.mp.apiBase,
      },
      { timeoutMs: 1500 },
    );
    try {
      const refused = await refund(paid, { amount: "100.00" });
      expect(refused.status).toBe(502);
      expect(refused.body.data.appCode).toBe("PROVIDER_ERROR");
      expect(await reserved(paid)).toBe("0.00");
    } finally {
      deps().providers = providers;
      await offline.close();
    }

    // the whole amount can be refunded again, once reachable
    const retried = await refund(paid, {});
    expect(retried.status).toBe(200);
    const payment = await paymentOf(bed.api, paid.token, paid.payment.id);
    expect(payment).toMatchObject({ status: "refunded", refundedAmount: "1234.56" });
    expect(refundedAtProvider(provider, payment)).toBe(123_456);
  });
});
