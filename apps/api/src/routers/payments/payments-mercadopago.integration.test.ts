import { postWebhook } from "@crm/integrations/testing";
import { describe, expect, it } from "vitest";
import { activitiesOf, type DealDto } from "../deals/deal-fixtures";
import {
  createPaymentOk,
  type PaymentDto,
  paymentOf,
  paymentWorkspace,
  usePaymentsTestbed,
  waitForLogsProcessed,
  waitForPayment,
} from "./payment-fixtures";

const bed = usePaymentsTestbed();

describe("Mercado Pago payment links", () => {
  it("creates a Checkout Pro preference with the amount as an exact decimal (1234.56)", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id, description: "Projeto" });
    const request = bed.mp.requests.find(
      (r) => r.path === "/checkout/preferences" && r.body.includes(created.id),
    );
    expect(request?.body).toContain('"unit_price":1234.56');
    expect(request?.json).toMatchObject({
      external_reference: created.id,
      notification_url: `http://localhost:3000/webhooks/mercadopago/${integrationId}`,
      items: [{ currency_id: "BRL", title: "Projeto" }],
    });
    expect(created.paymentLink).toContain("/checkout/v1/redirect?pref_id=");
  });

  it("answers 422 for a currency the account does not charge in (only its own: BRL in Brazil), before calling it", async () => {
    const { token, deal } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const preferences = () => bed.mp.requests.filter((r) => r.path === "/checkout/preferences").length;
    const before = preferences();
    // ARS is a Mercado Pago currency, but not this Brazilian (site MLB) account's
    for (const currency of ["USD", "ARS"]) {
      const res = await bed.api.rest<{ message: string; data: { fieldErrors: Record<string, string[]> } }>(
        "POST",
        "/payments",
        { token, body: { dealId: deal.id, currency, amount: "10.00" } },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      const message = `Mercado Pago does not charge in ${currency} for this account: use BRL`;
      expect(res.body.message).toBe(message);
      expect(res.body.data.fieldErrors.currency).toEqual([message]);
    }
    expect(preferences()).toBe(before);
    const me = bed.mp.requests.filter((r) => r.path === "/users/me").at(-1);
    expect(me?.headers.authorization).toBe(`Bearer ${bed.mp.config.accessToken}`);
  });
});

describe("Mercado Pago webhooks", () => {
  it("believes the API, not the notification: paid only when GET /v1/payments says approved", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const pending = bed.mp.setPayment(created.providerReference ?? "", "in_process");
    await postWebhook(
      bed.mpHook(integrationId),
      bed.mp.signedWebhook(bed.mp.notification(pending.id, "payment.created")),
    );
    await waitForLogsProcessed(bed.api, integrationId, 1);
    expect((await paymentOf(bed.api, token, created.id)).status).toBe("pending");

    bed.mp.setPayment(created.providerReference ?? "", "approved", pending.id);
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(pending.id)));
    const paid = await waitForPayment(bed.api, token, created.id, { status: "paid" });
    expect(paid.providerPaymentId).toBe(String(pending.id));
    expect((await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body.status).toBe("won");

    // out of order: a late notification while the API (now) says pending again leaves it paid
    bed.mp.setPayment(created.providerReference ?? "", "pending", pending.id);
    const late = bed.mp.notification(pending.id);
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(late));
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(late));
    await waitForLogsProcessed(bed.api, integrationId, 3);
    expect((await paymentOf(bed.api, token, created.id)).status).toBe("paid");
  });

  it("a notification that claims approved while the API says rejected leaves the payment unpaid", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const rejected = bed.mp.setPayment(created.providerReference ?? "", "rejected");
    const claim = {
      ...bed.mp.notification(rejected.id),
      data: { id: String(rejected.id), status: "approved" },
    };
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(claim));
    await waitForLogsProcessed(bed.api, integrationId, 1);
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({
      status: "pending",
      providerPaymentId: null,
    });
    expect((await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body.status).toBe("open");
  });

  it("a rejected card keeps the link pending and sendable, and tells the deal once why; a later approved payment pays it", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    // the attempt first in process (its id recorded), then rejected: the id is forgotten again
    const attempt = bed.mp.setPayment(created.providerReference ?? "", "in_process");
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(attempt.id)));
    await waitForPayment(bed.api, token, created.id, { providerPaymentId: String(attempt.id) });
    bed.mp.setPayment(
      created.providerReference ?? "",
      "rejected",
      attempt.id,
      "cc_rejected_insufficient_amount",
    );
    const rejection = bed.mp.notification(attempt.id);
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(rejection));
    // the same notification again, and another one about the same rejected payment
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(rejection));
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(attempt.id)));
    await waitForLogsProcessed(bed.api, integrationId, 3);
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({
      status: "pending",
      providerPaymentId: null,
    });
    const declines = (await activitiesOf(bed.api, token, deal.id)).filter(
      (a) => a.type === "payment_declined",
    );
    expect(declines.map((a) => a.data)).toEqual([
      {
        paymentId: created.id,
        provider: "mercadopago",
        amount: "1234.56",
        currency: "BRL",
        providerPaymentId: String(attempt.id),
        declineCode: "cc_rejected_insufficient_amount",
      },
    ]);
    // still payable: the preference is open until it expires
    const approved = bed.mp.setPayment(created.providerReference ?? "", "approved");
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(approved.id)));
    await waitForPayment(bed.api, token, created.id, {
      status: "paid",
      providerPaymentId: String(approved.id),
    });
    expect((await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body.status).toBe("won");
  });

  it("a rejected attempt then an approved one: the approved payment's id is kept and refunds go to it", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const rejected = bed.mp.setPayment(created.providerReference ?? "", "rejected");
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(rejected.id)));
    await waitForLogsProcessed(bed.api, integrationId, 1);
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({
      status: "pending",
      providerPaymentId: null,
    });
    const approved = bed.mp.setPayment(created.providerReference ?? "", "approved");
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(approved.id)));
    await waitForPayment(bed.api, token, created.id, {
      status: "paid",
      providerPaymentId: String(approved.id),
    });
    // a late notification about the rejected attempt does not take the id back
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(rejected.id)));
    await waitForLogsProcessed(bed.api, integrationId, 3);
    expect((await paymentOf(bed.api, token, created.id)).providerPaymentId).toBe(String(approved.id));

    const res = await bed.api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, {
      token,
      body: { amount: "1.00" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(bed.mp.requests.filter((r) => r.path.endsWith("/refunds")).at(-1)?.path).toBe(
      `/v1/payments/${approved.id}/refunds`,
    );
  });

  it("a chargeback refunds the payment in full, with an activity on the deal", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const payment = bed.mp.setPayment(created.providerReference ?? "", "approved");
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(payment.id)));
    await waitForPayment(bed.api, token, created.id, { status: "paid" });

    // Mercado Pago reports a chargeback with nothing in transaction_amount_refunded
    bed.mp.setPayment(created.providerReference ?? "", "charged_back", payment.id);
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(payment.id)));
    await waitForPayment(bed.api, token, created.id, { status: "refunded", refundedAmount: "1234.56" });
    const refunds = (await activitiesOf(bed.api, token, deal.id)).filter(
      (a) => a.type === "payment_refunded",
    );
    expect(refunds.map((a) => a.data)).toEqual([
      expect.objectContaining({ amount: "1234.56", refundedAmount: "1234.56" }),
    ]);
  });

  it("duplicated approved notifications change the payment once", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const payment = bed.mp.setPayment(created.providerReference ?? "", "approved");
    const notification = bed.mp.notification(payment.id);
    for (let i = 0; i < 3; i += 1) {
      const res = await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(notification));
      expect(res.status).toBe(200);
    }
    // Mercado Pago also sends the same change under a new notification id
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(payment.id)));
    await waitForLogsProcessed(bed.api, integrationId, 2);
    expect((await paymentOf(bed.api, token, created.id)).status).toBe("paid");
    const types = (await activitiesOf(bed.api, token, deal.id)).map((a) => a.type);
    expect(types.filter((t) => t === "payment_paid")).toHaveLength(1);
    expect(types.filter((t) => t === "won")).toHaveLength(1);
  });

  it("a link paid twice keeps the first payment and tells the deal, once, of the second one; its refund is not ours", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const first = bed.mp.setPayment(created.providerReference ?? "", "approved");
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(first.id)));
    await waitForLogsProcessed(bed.api, integrationId, 1);
    const second = bed.mp.setPayment(created.providerReference ?? "", "approved");
    for (const action of ["payment.created", "payment.updated"]) {
      const notification = bed.mp.notification(second.id, action);
      await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(notification));
    }
    await waitForLogsProcessed(bed.api, integrationId, 3);
    bed.mp.setPayment(created.providerReference ?? "", "refunded", second.id);
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(second.id)));
    await waitForLogsProcessed(bed.api, integrationId, 4);

    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({
      status: "paid",
      refundedAmount: "0.00",
      providerPaymentId: String(first.id),
    });
    const paid = (await activitiesOf(bed.api, token, deal.id)).filter((a) => a.type === "payment_paid");
    expect(paid.map((a) => a.data)).toEqual([
      {
        paymentId: created.id,
        provider: "mercadopago",
        amount: "1234.56",
        currency: "BRL",
        providerPaymentId: String(second.id),
        duplicate: true,
      },
      expect.not.objectContaining({ duplicate: true }),
    ]);
  });

  it("rejects a forged x-signature and a stale ts with 401", async () => {
    const { integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const notification = bed.mp.notification(123);
    const hook = bed.mpHook(integrationId);
    expect((await postWebhook(hook, bed.mp.signedWebhook(notification, { secret: "wrong" }))).status).toBe(
      401,
    );
    const stale = Math.floor(Date.now() / 1000) - 301;
    expect((await postWebhook(hook, bed.mp.signedWebhook(notification, { ts: stale }))).status).toBe(401);
    const unsigned = bed.mp.signedWebhook(notification);
    expect(
      (await postWebhook(hook, { ...unsigned, headers: { "content-type": "application/json" } })).status,
    ).toBe(401);
    expect((await postWebhook(hook, bed.mp.signedWebhook(notification))).status).toBe(200);
  });
});

describe("Mercado Pago refunds", () => {
  it("refunds part then the rest through POST /v1/payments/{id}/refunds with decimal amounts", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const payment = bed.mp.setPayment(created.providerReference ?? "", "approved");
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(payment.id)));
    await waitForPayment(bed.api, token, created.id, { status: "paid" });
    const res = await bed.api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, {
      token,
      body: { amount: "0.56" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: "paid", refundedAmount: "0.56" });
    const refunds = bed.mp.requests.filter((r) => r.path === `/v1/payments/${payment.id}/refunds`);
    expect(refunds.map((r) => r.body)).toEqual(['{"amount":0.56}']);

    const rest = await bed.api.rest<PaymentDto>("POST", `/payments/${created.id}/refund`, {
      token,
      body: {},
    });
    expect(rest.body).toMatchObject({ status: "refunded", refundedAmount: "1234.56" });
    expect(bed.mp.requests.filter((r) => r.path === `/v1/payments/${payment.id}/refunds`).at(-1)?.body).toBe(
      '{"amount":1234.00}',
    );
    const activities = (await activitiesOf(bed.api, token, deal.id)).filter(
      (a) => a.type === "payment_refunded",
    );
    expect(activities).toHaveLength(2);
  });
});
