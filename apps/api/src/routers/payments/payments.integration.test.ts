import {
  type FakeMercadoPago,
  type FakeStripe,
  postWebhook,
  startFakeMercadoPago,
  startFakeStripe,
} from "@crm/integrations/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import { activitiesOf, createDeal, type DealDto, firstPipeline, insertContact } from "../deals/deal-fixtures";
import {
  connectProvider,
  createPaymentOk,
  type PaymentDto,
  paymentWorkspace,
  waitForLogsProcessed,
  waitForPayment,
} from "./payment-fixtures";

let api: TestApi;
let stripe: FakeStripe;
let mp: FakeMercadoPago;

beforeAll(async () => {
  stripe = await startFakeStripe();
  mp = await startFakeMercadoPago();
  api = await startTestApi({
    STRIPE_API_BASE: stripe.apiBase,
    MERCADOPAGO_API_BASE: mp.apiBase,
    EMBEDDED_WORKER: "true",
  });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await stripe?.close();
  await mp?.close();
});

const stripeHook = (integrationId: string) => `${api.baseUrl}/webhooks/stripe/${integrationId}`;
const mpHook = (integrationId: string) => `${api.baseUrl}/webhooks/mercadopago/${integrationId}`;

describe("Stripe payment links", () => {
  it("creates a Checkout Session in payment mode with the amount in minor units (1234.56 BRL -> 123456)", async () => {
    const { token, deal } = await paymentWorkspace(api, "stripe", stripe.config);
    const created = await createPaymentOk(api, token, { dealId: deal.id });
    expect(created).toMatchObject({
      status: "pending",
      amount: "1234.56",
      currency: "BRL",
      provider: "stripe",
    });
    const session = stripe.sessions.get(created.providerReference ?? "");
    expect(session?.form).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "123456",
      "line_items[0][price_data][currency]": "brl",
      "metadata[paymentId]": created.id,
    });
    expect(created.paymentLink).toBe(session?.url);
  });

  it("a paid webhook wins the deal, writes the activities and publishes payment_status and deal_updated", async () => {
    const { owner, token, deal, integrationId } = await paymentWorkspace(api, "stripe", stripe.config);
    const events: string[] = [];
    const stop = api.container.events.subscribe((event) => {
      if (event.organizationId === owner.organization.id) events.push(event.type);
    });
    const created = await createPaymentOk(api, token, { dealId: deal.id });
    const session = stripe.pay(created.providerReference ?? "");
    const res = await postWebhook(
      stripeHook(integrationId),
      stripe.signedWebhook(stripe.event("checkout.session.completed", session)),
    );
    expect(res.status).toBe(200);
    const paid = await waitForPayment(api, token, created.id, { status: "paid" });
    expect(paid.providerPaymentId).toBe(session.payment_intent);
    const won = await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(won.body.status).toBe("won");
    const types = (await activitiesOf(api, token, deal.id)).map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(["payment_paid", "won"]));
    expect(events).toEqual(expect.arrayContaining(["payment_status", "deal_updated"]));
    stop();
  });

  it("keeps the deal open when its pipeline does not win on payment", async () => {
    const { token, deal, pipeline, integrationId } = await paymentWorkspace(api, "stripe", stripe.config);
    const patched = await api.rest("PATCH", `/pipelines/${pipeline.id}`, {
      token,
      body: { winOnPayment: false },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const created = await createPaymentOk(api, token, { dealId: deal.id });
    const session = stripe.pay(created.providerReference ?? "");
    await postWebhook(
      stripeHook(integrationId),
      stripe.signedWebhook(stripe.event("checkout.session.completed", session)),
    );
    await waitForPayment(api, token, created.id, { status: "paid" });
    const open = await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(open.body.status).toBe("open");
  });

  it("rejects a forged signature and a replay older than the tolerance with 401, storing nothing", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(api, "stripe", stripe.config);
    const created = await createPaymentOk(api, token, { dealId: deal.id });
    const event = stripe.event("checkout.session.completed", stripe.pay(created.providerReference ?? ""));
    const forged = await postWebhook(
      stripeHook(integrationId),
      stripe.signedWebhook(event, { secret: "whsec_wrong" }),
    );
    expect(forged.status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 301;
    const replayed = await postWebhook(
      stripeHook(integrationId),
      stripe.signedWebhook(event, { timestamp: old }),
    );
    expect(replayed.status).toBe(401);
    const logs = await api.container.db.db
      .selectFrom("webhook_logs")
      .select("id")
      .where("integration_id", "=", integrationId)
      .execute();
    expect(logs).toHaveLength(0);
    expect((await api.rest<PaymentDto>("GET", `/payments/${created.id}`, { token })).body.status).toBe(
      "pending",
    );
  });

  it("accepts a signature whose second v1 matches (secret rotation)", async () => {
    const { integrationId } = await paymentWorkspace(api, "stripe", stripe.config);
    const webhook = stripe.signedWebhook(
      stripe.event("customer.created", { id: "cus_1", object: "customer" }),
    );
    const header = webhook.headers["stripe-signature"] ?? "";
    const rotated = header.replace("v1=", `v1=${"0".repeat(64)},v1=`);
    const res = await postWebhook(stripeHook(integrationId), {
      ...webhook,
      headers: { ...webhook.headers, "stripe-signature": rotated },
    });
    expect(res.status).toBe(200);
  });

  it("a duplicated event changes the payment once; a late pending-ish event after paid leaves it paid", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(api, "stripe", stripe.config);
    const created = await createPaymentOk(api, token, { dealId: deal.id });
    const session = stripe.pay(created.providerReference ?? "");
    const event = stripe.event("checkout.session.completed", session);
    for (let i = 0; i < 3; i += 1) {
      expect((await postWebhook(stripeHook(integrationId), stripe.signedWebhook(event))).status).toBe(200);
    }
    await waitForPayment(api, token, created.id, { status: "paid" });
    const failed = stripe.event("payment_intent.payment_failed", {
      id: session.payment_intent,
      object: "payment_intent",
      metadata: { paymentId: created.id },
    });
    await postWebhook(stripeHook(integrationId), stripe.signedWebhook(failed));
    const expired = stripe.event("checkout.session.expired", { ...session, status: "expired" });
    await postWebhook(stripeHook(integrationId), stripe.signedWebhook(expired));
    await waitForLogsProcessed(api, integrationId, 3);
    expect((await api.rest<PaymentDto>("GET", `/payments/${created.id}`, { token })).body.status).toBe(
      "paid",
    );
    const paidActivities = (await activitiesOf(api, token, deal.id)).filter((a) => a.type === "payment_paid");
    expect(paidActivities).toHaveLength(1);
  });

  it("refunds partly then fully through Stripe, recording each refund on the deal", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(api, "stripe", stripe.config);
    const created = await createPaymentOk(api, token, { dealId: deal.id });
    const session = stripe.pay(created.providerReference ?? "");
    await postWebhook(
      stripeHook(integrationId),
      stripe.signedWebhook(stripe.event("checkout.session.completed", session)),
    );
    await waitForPayment(api, token, created.id, { status: "paid" });

    const partial = await api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, {
      token,
      body: { amount: "234.56" },
    });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body).toMatchObject({ status: "paid", refundedAmount: "234.56" });
    expect(stripe.refunds.at(-1)).toMatchObject({ payment_intent: session.payment_intent, amount: 23456 });

    // Stripe's own charge.refunded for the same refund changes nothing more
    await postWebhook(
      stripeHook(integrationId),
      stripe.signedWebhook(stripe.event("charge.refunded", stripe.charge(session.id))),
    );
    await waitForLogsProcessed(api, integrationId, 2);

    const rest = await api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, { token, body: {} });
    expect(rest.body).toMatchObject({ status: "refunded", refundedAmount: "1234.56" });
    const refunds = (await activitiesOf(api, token, deal.id)).filter((a) => a.type === "payment_refunded");
    expect(refunds).toHaveLength(2);
    const again = await api.rest("POST", `/payments/${created.id}/refund`, { token, body: {} });
    expect(again.status).toBe(422);
  });

  it("answers 422 for a currency Mercado Pago does not take, before calling it", async () => {
    const { token, deal } = await paymentWorkspace(api, "mercadopago", mp.config);
    const before = mp.requests.length;
    const res = await api.rest("POST", "/payments", {
      token,
      body: { dealId: deal.id, currency: "USD", amount: "10.00" },
    });
    expect(res.status).toBe(422);
    expect(mp.requests.length).toBe(before);
  });
});

describe("Mercado Pago payment links", () => {
  it("creates a Checkout Pro preference with the amount as an exact decimal (1234.56)", async () => {
    const { token, deal } = await paymentWorkspace(api, "mercadopago", mp.config);
    const created = await createPaymentOk(api, token, { dealId: deal.id, description: "Projeto" });
    const request = mp.requests.find(
      (r) => r.path === "/checkout/preferences" && r.body.includes(created.id),
    );
    expect(request?.body).toContain('"unit_price":1234.56');
    expect(request?.json).toMatchObject({
      external_reference: created.id,
      items: [{ currency_id: "BRL", title: "Projeto" }],
    });
    expect(created.paymentLink).toContain("/checkout/v1/redirect?pref_id=");
  });

  it("believes the API, not the notification: paid only when GET /v1/payments says approved", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(api, "mercadopago", mp.config);
    const created = await createPaymentOk(api, token, { dealId: deal.id });
    const pending = mp.setPayment(created.providerReference ?? "", "in_process");
    await postWebhook(
      mpHook(integrationId),
      mp.signedWebhook(mp.notification(pending.id, "payment.created")),
    );
    await waitForLogsProcessed(api, integrationId, 1);
    expect((await api.rest<PaymentDto>("GET", `/payments/${created.id}`, { token })).body.status).toBe(
      "pending",
    );

    mp.setPayment(created.providerReference ?? "", "approved", pending.id);
    await postWebhook(mpHook(integrationId), mp.signedWebhook(mp.notification(pending.id)));
    const paid = await waitForPayment(api, token, created.id, { status: "paid" });
    expect(paid.providerPaymentId).toBe(String(pending.id));
    expect((await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body.status).toBe("won");

    // out of order: a late notification while the API (now) says pending again leaves it paid
    mp.setPayment(created.providerReference ?? "", "pending", pending.id);
    const late = mp.notification(pending.id);
    await postWebhook(mpHook(integrationId), mp.signedWebhook(late));
    await postWebhook(mpHook(integrationId), mp.signedWebhook(late));
    await waitForLogsProcessed(api, integrationId, 3);
    expect((await api.rest<PaymentDto>("GET", `/payments/${created.id}`, { token })).body.status).toBe(
      "paid",
    );
  });

  it("rejects a forged x-signature and a stale ts with 401", async () => {
    const { integrationId } = await paymentWorkspace(api, "mercadopago", mp.config);
    const notification = mp.notification(123);
    expect(
      (await postWebhook(mpHook(integrationId), mp.signedWebhook(notification, { secret: "wrong" }))).status,
    ).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 301;
    expect(
      (await postWebhook(mpHook(integrationId), mp.signedWebhook(notification, { ts: stale }))).status,
    ).toBe(401);
    expect((await postWebhook(mpHook(integrationId), mp.signedWebhook(notification))).status).toBe(200);
  });

  it("refunds part of a payment through POST /v1/payments/{id}/refunds with a decimal amount", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(api, "mercadopago", mp.config);
    const created = await createPaymentOk(api, token, { dealId: deal.id });
    const payment = mp.setPayment(created.providerReference ?? "", "approved");
    await postWebhook(mpHook(integrationId), mp.signedWebhook(mp.notification(payment.id)));
    await waitForPayment(api, token, created.id, { status: "paid" });
    const res = await api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, {
      token,
      body: { amount: "0.56" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: "paid", refundedAmount: "0.56" });
    const request = mp.requests.find((r) => r.path === `/v1/payments/${payment.id}/refunds`);
    expect(request?.body).toBe('{"amount":0.56}');
  });
});

describe("payments access", () => {
  it("lets an agent create payments but not refund them", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(api, "stripe", stripe.config);
    const agent = await api.member(token, "agent");
    const created = await createPaymentOk(api, agent.token, { dealId: deal.id });
    const session = stripe.pay(created.providerReference ?? "");
    await postWebhook(
      stripeHook(integrationId),
      stripe.signedWebhook(stripe.event("checkout.session.completed", session)),
    );
    await waitForPayment(api, token, created.id, { status: "paid" });
    const refused = await api.rest("POST", `/payments/${created.id}/refund`, {
      token: agent.token,
      body: {},
    });
    expect(refused.status).toBe(403);
    const viewer = await api.member(token, "viewer");
    expect(
      (await api.rest("POST", "/payments", { token: viewer.token, body: { dealId: deal.id } })).status,
    ).toBe(403);
    expect((await api.rest("GET", `/payments/${created.id}`, { token: viewer.token })).status).toBe(200);
  });

  it("filters the list by status, deal and provider", async () => {
    const { token, deal } = await paymentWorkspace(api, "stripe", stripe.config);
    const created = await createPaymentOk(api, token, { dealId: deal.id, amount: "10.00" });
    const list = await api.rest<{ items: PaymentDto[] }>(
      "GET",
      `/payments?dealId=${deal.id}&status=pending&provider=stripe`,
      { token },
    );
    expect(list.body.items.map((p) => p.id)).toEqual([created.id]);
    const none = await api.rest<{ items: PaymentDto[] }>("GET", `/payments?dealId=${deal.id}&status=paid`, {
      token,
    });
    expect(none.body.items).toEqual([]);
  });

  it("answers 404 for another organization's payment ids", async () => {
    await expectTenantIsolation(
      api,
      async (ownerToken) => {
        const { token, deal } = await paymentWorkspaceFor(ownerToken);
        const created = await createPaymentOk(api, token, { dealId: deal.id });
        return created.id;
      },
      [
        { name: "GET /payments/{id}", call: (token, id) => api.rest("GET", `/payments/${id}`, { token }) },
        {
          name: "POST /payments/{id}/refund",
          call: (token, id) => api.rest("POST", `/payments/${id}/refund`, { token, body: {} }),
        },
      ],
    );
  });
});

/** expectTenantIsolation registers its own owners; a deal and an integration are added to theirs. */
async function paymentWorkspaceFor(ownerToken: string) {
  const me = await api.trpc(ownerToken).auth.me.query();
  const organizationId = me.organization.id;
  const contactId = await insertContact(api, organizationId);
  const pipeline = await firstPipeline(api, ownerToken);
  const stage = pipeline.stages[0];
  if (!stage) throw new Error("no stage");
  const deal = await createDeal(api, ownerToken, { contactId, pipelineId: pipeline.id, stage: stage.id });
  await connectProvider(api, organizationId, "stripe", stripe.config);
  return { token: ownerToken, deal };
}
