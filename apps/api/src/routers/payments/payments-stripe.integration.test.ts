import { postWebhook } from "@crm/integrations/testing";
import { describe, expect, it, vi } from "vitest";
import { activitiesOf, type DealDto } from "../deals/deal-fixtures";
import {
  createPaymentOk,
  type PaymentDto,
  paymentOf,
  paymentWorkspace,
  payThroughStripe,
  usePaymentsTestbed,
  waitForLogsProcessed,
  waitForPayment,
} from "./payment-fixtures";

const bed = usePaymentsTestbed();

describe("Stripe payment links", () => {
  it("creates a Checkout Session in payment mode with the amount in minor units (1234.56 BRL -> 123456)", async () => {
    const { token, deal } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    expect(created).toMatchObject({
      status: "pending",
      amount: "1234.56",
      currency: "BRL",
      provider: "stripe",
    });
    const session = bed.stripe.sessions.get(created.providerReference ?? "");
    expect(session?.form).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "123456",
      "line_items[0][price_data][currency]": "brl",
      "metadata[paymentId]": created.id,
    });
    expect(created.paymentLink).toBe(session?.url);
  });

  it("answers 400 naming amount when only a currency other than the deal's is given, calling no provider", async () => {
    const { token, deal } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const res = await bed.api.rest<{ message: string; data: { fieldErrors: Record<string, string[]> } }>(
      "POST",
      "/payments",
      { token, body: { dealId: deal.id, currency: "USD" } },
    );
    expect(res.status).toBe(400);
    expect(res.body.data.fieldErrors.amount?.join(" ")).toContain("USD");
    const same = await createPaymentOk(bed.api, token, { dealId: deal.id, currency: "brl" });
    expect(same).toMatchObject({ amount: "1234.56", currency: "BRL" });
  });

  it("a paid webhook wins the deal, writes the activities and publishes payment_status and deal_updated", async () => {
    const { owner, token, deal, integrationId } = await paymentWorkspace(
      bed.api,
      "stripe",
      bed.stripe.config,
    );
    const events: Array<{ type: string; payload: unknown }> = [];
    const stop = bed.api.container.events.subscribe((event) => {
      if (event.organizationId === owner.organization.id) events.push(event);
    });
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = await payThroughStripe(bed, token, integrationId, created);
    expect((await paymentOf(bed.api, token, created.id)).providerPaymentId).toBe(session.payment_intent);
    const won = await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(won.body.status).toBe("won");
    const activities = await activitiesOf(bed.api, token, deal.id);
    expect(activities.find((a) => a.type === "payment_paid")).toMatchObject({
      data: expect.objectContaining({ paymentId: created.id, amount: "1234.56", currency: "BRL" }),
    });
    expect(activities.map((a) => a.type)).toContain("won");
    // the events come back through Redis's pub/sub: later than the writes on a loaded machine
    await expect
      .poll(() => events)
      .toContainEqual(
        expect.objectContaining({
          type: "payment_status",
          payload: expect.objectContaining({ paymentId: created.id, status: "paid" }),
        }),
      );
    await expect
      .poll(() => events)
      .toContainEqual(
        expect.objectContaining({
          type: "deal_updated",
          payload: expect.objectContaining({ dealId: deal.id, status: "won" }),
        }),
      );
    stop();
  });

  it("keeps the deal open when its pipeline does not win on payment", async () => {
    const { token, deal, pipeline, integrationId } = await paymentWorkspace(
      bed.api,
      "stripe",
      bed.stripe.config,
    );
    const patched = await bed.api.rest("PATCH", `/pipelines/${pipeline.id}`, {
      token,
      body: { winOnPayment: false },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await payThroughStripe(bed, token, integrationId, created);
    const open = await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(open.body.status).toBe("open");
    const types = (await activitiesOf(bed.api, token, deal.id)).map((a) => a.type);
    expect(types).toContain("payment_paid");
    expect(types).not.toContain("won");
  });

  it("marks a link expired on checkout.session.expired", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = bed.stripe.sessions.get(created.providerReference ?? "");
    const expired = bed.stripe.event("checkout.session.expired", { ...session, status: "expired" });
    expect((await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(expired))).status).toBe(
      200,
    );
    await waitForPayment(bed.api, token, created.id, { status: "expired" });
  });
});

describe("Stripe webhooks", () => {
  it("rejects a forged signature and a replay older than the tolerance with 401, storing nothing", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const event = bed.stripe.event(
      "checkout.session.completed",
      bed.stripe.pay(created.providerReference ?? ""),
    );
    const forged = await postWebhook(
      bed.stripeHook(integrationId),
      bed.stripe.signedWebhook(event, { secret: "whsec_wrong" }),
    );
    expect(forged.status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 301;
    const replayed = await postWebhook(
      bed.stripeHook(integrationId),
      bed.stripe.signedWebhook(event, { timestamp: old }),
    );
    expect(replayed.status).toBe(401);
    const logs = await bed.api.container.db.db
      .selectFrom("webhook_logs")
      .select("id")
      .where("integration_id", "=", integrationId)
      .execute();
    expect(logs).toHaveLength(0);
    expect((await paymentOf(bed.api, token, created.id)).status).toBe("pending");
  });

  it("accepts a signature whose second v1 matches (secret rotation)", async () => {
    const { integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const webhook = bed.stripe.signedWebhook(
      bed.stripe.event("customer.created", { id: "cus_1", object: "customer" }),
    );
    const header = webhook.headers["stripe-signature"] ?? "";
    const rotated = header.replace("v1=", `v1=${"0".repeat(64)},v1=`);
    const res = await postWebhook(bed.stripeHook(integrationId), {
      ...webhook,
      headers: { ...webhook.headers, "stripe-signature": rotated },
    });
    expect(res.status).toBe(200);
  });

  it("a duplicated event changes the payment once; failed and expired after paid leave it paid", async () => {
    const { owner, token, deal, integrationId } = await paymentWorkspace(
      bed.api,
      "stripe",
      bed.stripe.config,
    );
    const statuses: string[] = [];
    const stop = bed.api.container.events.subscribe((event) => {
      if (event.organizationId === owner.organization.id && event.type === "payment_status") {
        statuses.push((event.payload as { status: string }).status);
      }
    });
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = bed.stripe.pay(created.providerReference ?? "");
    const event = bed.stripe.event("checkout.session.completed", session);
    for (let i = 0; i < 3; i += 1) {
      expect((await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(event))).status).toBe(
        200,
      );
    }
    // the same event under another id (Stripe retries keep the id; a second endpoint would not)
    const succeeded = bed.stripe.event("payment_intent.succeeded", {
      id: session.payment_intent,
      object: "payment_intent",
      metadata: { paymentId: created.id },
    });
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(succeeded));
    await waitForPayment(bed.api, token, created.id, { status: "paid" });
    const failed = bed.stripe.event("payment_intent.payment_failed", {
      id: session.payment_intent,
      object: "payment_intent",
      metadata: { paymentId: created.id },
    });
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(failed));
    const expired = bed.stripe.event("checkout.session.expired", { ...session, status: "expired" });
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(expired));
    await waitForLogsProcessed(bed.api, integrationId, 4);
    expect((await paymentOf(bed.api, token, created.id)).status).toBe("paid");
    const paidActivities = (await activitiesOf(bed.api, token, deal.id)).filter(
      (a) => a.type === "payment_paid",
    );
    expect(paidActivities).toHaveLength(1);
    await expect.poll(() => statuses.filter((s) => s === "paid")).toHaveLength(1);
    stop();
  });
});

describe("Stripe refunds", () => {
  it("refunds partly then fully through Stripe, recording each refund on the deal", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = await payThroughStripe(bed, token, integrationId, created);

    const partial = await bed.api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, {
      token,
      body: { amount: "234.56" },
    });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body).toMatchObject({ status: "paid", refundedAmount: "234.56" });
    expect(bed.stripe.refunds.at(-1)).toMatchObject({
      payment_intent: session.payment_intent,
      amount: 23456,
    });

    // Stripe's own charge.refunded for the same refund changes nothing more
    await postWebhook(
      bed.stripeHook(integrationId),
      bed.stripe.signedWebhook(bed.stripe.event("charge.refunded", bed.stripe.charge(session.id))),
    );
    await waitForLogsProcessed(bed.api, integrationId, 2);
    expect((await paymentOf(bed.api, token, created.id)).refundedAmount).toBe("234.56");

    const rest = await bed.api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, {
      token,
      body: {},
    });
    expect(rest.body).toMatchObject({ status: "refunded", refundedAmount: "1234.56" });
    expect(bed.stripe.refunds.at(-1)).toMatchObject({ amount: 100000 });
    const refunds = (await activitiesOf(bed.api, token, deal.id)).filter(
      (a) => a.type === "payment_refunded",
    );
    expect(refunds.map((a) => a.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ amount: "234.56", refundedAmount: "234.56" }),
        expect.objectContaining({ amount: "1000.00", refundedAmount: "1234.56" }),
      ]),
    );
    const again = await bed.api.rest("POST", `/payments/${created.id}/refund`, { token, body: {} });
    expect(again.status).toBe(422);
  });

  it("records a refund made in Stripe's dashboard from charge.refunded, with an activity", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = await payThroughStripe(bed, token, integrationId, created);
    bed.stripe.refunds.push({
      id: "re_dashboard",
      payment_intent: session.payment_intent ?? "",
      amount: 34,
      currency: "brl",
    });
    await postWebhook(
      bed.stripeHook(integrationId),
      bed.stripe.signedWebhook(bed.stripe.event("charge.refunded", bed.stripe.charge(session.id))),
    );
    await waitForPayment(bed.api, token, created.id, { status: "paid", refundedAmount: "0.34" });
    const refunds = (await activitiesOf(bed.api, token, deal.id)).filter(
      (a) => a.type === "payment_refunded",
    );
    expect(refunds).toHaveLength(1);
  });

  it("keeps a refund whose charge.refunded arrives before the checkout.session.completed it follows", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = bed.stripe.pay(created.providerReference ?? "");
    bed.stripe.refunds.push({
      id: "re_early",
      payment_intent: session.payment_intent ?? "",
      amount: 123456,
      currency: "brl",
    });
    // the charge names only the PaymentIntent, which no payment of ours knows yet
    const refunded = bed.stripe.event("charge.refunded", bed.stripe.charge(session.id));
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(refunded));
    await waitForLogsProcessed(bed.api, integrationId, 1);
    const completed = bed.stripe.event("checkout.session.completed", session);
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(completed));
    await waitForLogsProcessed(bed.api, integrationId, 2);
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({
      status: "refunded",
      refundedAmount: "1234.56",
      providerPaymentId: session.payment_intent,
    });
    const types = (await activitiesOf(bed.api, token, deal.id)).map((a) => a.type);
    expect(types.filter((type) => type === "payment_refunded")).toHaveLength(1);
  });

  it("counts a refund once when Stripe's charge.refunded for it arrives before our own write", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = await payThroughStripe(bed, token, integrationId, created);
    const stripe = bed.api.container.payments.providers.get("stripe");
    const refund = stripe.refund.bind(stripe);
    let delivered: Promise<unknown> | undefined;
    const spy = vi.spyOn(stripe, "refund").mockImplementationOnce(async (config, request) => {
      const answer = await refund(config, request);
      // Stripe's webhook for this very refund, sent before the CRM records it: its processing waits for the
      // payment's row, locked by the refund until it is recorded, and then finds it counted
      delivered = postWebhook(
        bed.stripeHook(integrationId),
        bed.stripe.signedWebhook(bed.stripe.event("charge.refunded", bed.stripe.charge(session.id))),
      );
      return answer;
    });
    try {
      const partial = await bed.api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, {
        token,
        body: { amount: "234.56" },
      });
      expect(partial.body).toMatchObject({ status: "paid", refundedAmount: "234.56" });
    } finally {
      spy.mockRestore();
    }
    await delivered;
    await waitForLogsProcessed(bed.api, integrationId, 2);
    expect((await paymentOf(bed.api, token, created.id)).refundedAmount).toBe("234.56");
    const rest = await bed.api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, {
      token,
      body: { amount: "1000.00" },
    });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body).toMatchObject({ status: "refunded", refundedAmount: "1234.56" });
    const refunds = (await activitiesOf(bed.api, token, deal.id)).filter(
      (a) => a.type === "payment_refunded",
    );
    expect(refunds.map((a) => (a.data as { amount: string }).amount).sort()).toEqual(["1000.00", "234.56"]);
  });

  it("answers 502 with Stripe's message when the refund is refused, recording nothing", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await payThroughStripe(bed, token, integrationId, created);
    bed.stripe.failNext(500, 2);
    const res = await bed.api.rest<{ message: string }>("POST", `/payments/${created.id}/refund`, {
      token,
      body: { amount: "1.00" },
    });
    expect(res.status).toBe(502);
    expect(res.body.message).toContain("stripe");
    expect((await paymentOf(bed.api, token, created.id)).refundedAmount).toBe("0.00");
  });
});

describe("a paused Stripe integration", () => {
  it("still stores and applies a paid webhook for its links: pausing stops new links, not paid money", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const off = await bed.api.rest("PATCH", `/integrations/${integrationId}`, {
      token,
      body: { isActive: false },
    });
    expect(off.status).toBe(200);
    const session = bed.stripe.pay(created.providerReference ?? "");
    const res = await postWebhook(
      bed.stripeHook(integrationId),
      bed.stripe.signedWebhook(bed.stripe.event("checkout.session.completed", session)),
    );
    expect(res.status).toBe(200);
    await waitForLogsProcessed(bed.api, integrationId, 1);
    await waitForPayment(bed.api, token, created.id, { status: "paid" });
    expect((await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body.status).toBe("won");
    const paused = await bed.api.rest<{ message: string }>("POST", "/payments", {
      token,
      body: { dealId: deal.id },
    });
    expect(paused.status).toBe(422);
    expect(paused.body.message).toContain("Connect");
  });
});
