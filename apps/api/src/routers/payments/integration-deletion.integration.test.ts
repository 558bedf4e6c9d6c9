import { postWebhook } from "@crm/integrations/testing";
import { describe, expect, it } from "vitest";
import { activitiesOf } from "../deals/deal-fixtures";
import {
  createPaymentOk,
  paymentOf,
  paymentWorkspace,
  usePaymentsTestbed,
  waitForPayment,
} from "./payment-fixtures";

const bed = usePaymentsTestbed();

interface DeletedDto {
  ok: true;
  expiredPaymentLinks: number;
}
interface ErrorDto {
  message: string;
  data: { appCode: string | null };
}

const remove = (token: string, integrationId: string) =>
  bed.api.rest<DeletedDto & ErrorDto>("DELETE", `/integrations/${integrationId}`, { token });

const pendingCount = async (token: string, integrationId: string) => {
  const res = await bed.api.rest<{ pendingPaymentLinks: number }>(
    "GET",
    `/integrations/${integrationId}/deletion`,
    { token },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.pendingPaymentLinks;
};

const integrationStatus = async (token: string, integrationId: string) =>
  (await bed.api.rest("GET", `/integrations/${integrationId}`, { token })).status;

const expiredActivities = async (token: string, dealId: string) =>
  (await activitiesOf(bed.api, token, dealId)).filter((a) => a.type === "payment_expired");

describe("deleting a payment integration with pending links", () => {
  it("Stripe: expires each open Checkout Session first, marks the payments expired and says how many", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const first = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const second = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "10.00" });
    expect(await pendingCount(token, integrationId)).toBe(2);

    const res = await remove(token, integrationId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ ok: true, expiredPaymentLinks: 2 });
    for (const created of [first, second]) {
      const expire = bed.stripe.requests.find(
        (r) => r.path === `/v1/checkout/sessions/${created.providerReference}/expire`,
      );
      expect(expire?.method).toBe("POST");
      expect(bed.stripe.sessions.get(created.providerReference ?? "")?.status).toBe("expired");
      expect(() => bed.stripe.pay(created.providerReference ?? "")).toThrow(/cannot be paid/);
      expect(await paymentOf(bed.api, token, created.id)).toMatchObject({
        status: "expired",
        integrationId: null,
      });
    }
    const activities = await expiredActivities(token, deal.id);
    expect(
      activities.map((a) => a.data).sort((a, b) => String(a.amount).localeCompare(String(b.amount))),
    ).toEqual([
      {
        paymentId: second.id,
        provider: "stripe",
        amount: "10.00",
        currency: "BRL",
        reason: "integration_deleted",
      },
      {
        paymentId: first.id,
        provider: "stripe",
        amount: "1234.56",
        currency: "BRL",
        reason: "integration_deleted",
      },
    ]);
    expect(await integrationStatus(token, integrationId)).toBe(404);
  });

  it("Stripe: a link it cannot expire (paid, not yet notified) keeps the integration and is named", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const paid = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const open = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "10.00" });
    const session = bed.stripe.pay(paid.providerReference ?? "");

    const refused = await remove(token, integrationId);
    expect(refused.status, JSON.stringify(refused.body)).toBe(502);
    expect(refused.body.data.appCode).toBe("PROVIDER_ERROR");
    expect(refused.body.message).toContain(`Stripe could not expire 1 of 2 pending payment link(s)`);
    expect(refused.body.message).toContain(`payment ${paid.id} (1234.56 BRL)`);
    expect(refused.body.message).not.toContain(open.id);
    expect(await integrationStatus(token, integrationId)).toBe(200);
    // the one Stripe closed stays closed, and is recorded so
    expect(await paymentOf(bed.api, token, open.id)).toMatchObject({ status: "expired", integrationId });
    expect(await paymentOf(bed.api, token, paid.id)).toMatchObject({ status: "pending", integrationId });
    expect((await expiredActivities(token, deal.id)).map((a) => a.data.paymentId)).toEqual([open.id]);

    // the integration is still there to hear that the money arrived
    const webhook = await postWebhook(
      bed.stripeHook(integrationId),
      bed.stripe.signedWebhook(bed.stripe.event("checkout.session.completed", session)),
    );
    expect(webhook.status).toBe(200);
    await waitForPayment(bed.api, token, paid.id, { status: "paid" });
    const deleted = await remove(token, integrationId);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body.expiredPaymentLinks).toBe(0);
  });

  it("Mercado Pago: moves each preference's expiry into the past, so it can no longer be paid", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const before = Date.now();

    const res = await remove(token, integrationId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.expiredPaymentLinks).toBe(1);
    const update = bed.mp.requests.find(
      (r) => r.method === "PUT" && r.path === `/checkout/preferences/${created.providerReference}`,
    );
    expect(update?.headers.authorization).toBe(`Bearer ${bed.mp.config.accessToken}`);
    const body = update?.json as { expires?: unknown; expiration_date_to?: string } | undefined;
    expect(body?.expires).toBe(true);
    expect(Date.parse(body?.expiration_date_to ?? "")).toBeLessThan(before);
    expect(() => bed.mp.setPayment(created.providerReference ?? "", "approved")).toThrow(/cannot be paid/);
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({ status: "expired" });
    expect(await expiredActivities(token, deal.id)).toHaveLength(1);
  });

  it("Mercado Pago: when the provider fails, nothing is deleted and the link stays pending", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    bed.mp.failNext(500);

    const refused = await remove(token, integrationId);
    expect(refused.status, JSON.stringify(refused.body)).toBe(502);
    expect(refused.body.message).toContain(
      `Mercado Pago could not expire 1 of 1 pending payment link(s), so the integration was kept (0 expired): ` +
        `payment ${created.id} (1234.56 BRL): HTTP 500: Internal server error`,
    );
    expect(await integrationStatus(token, integrationId)).toBe(200);
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({ status: "pending", integrationId });
    expect(await expiredActivities(token, deal.id)).toEqual([]);
    expect(await pendingCount(token, integrationId)).toBe(1);

    const retried = await remove(token, integrationId);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.expiredPaymentLinks).toBe(1);
  });

  it("Mercado Pago: a payment awaiting the customer (a boleto) keeps the integration, and nothing is expired", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const boleto = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const other = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "10.00" });
    const pending = bed.mp.setPayment(boleto.providerReference ?? "", "pending");
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(pending.id)));
    await waitForPayment(bed.api, token, boleto.id, { providerPaymentId: String(pending.id) });
    const updatesBefore = bed.mp.requests.filter((r) => r.method === "PUT").length;

    const refused = await remove(token, integrationId);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.message).toContain(`payment ${boleto.id} (1234.56 BRL)`);
    expect(refused.body.message).toContain("await the customer at Mercado Pago");
    expect(bed.mp.requests.filter((r) => r.method === "PUT")).toHaveLength(updatesBefore);
    expect(await paymentOf(bed.api, token, other.id)).toMatchObject({ status: "pending" });
    expect(await integrationStatus(token, integrationId)).toBe(200);
  });

  it("a channel integration has no links to expire", async () => {
    const owner = await bed.api.register();
    const res = await bed.api.rest<{ id: string }>("POST", "/integrations", {
      token: owner.token,
      body: {
        channel: "telegram",
        name: "Bot",
        config: { botToken: "123456:abcdefghijklmnopqrstuvwxyz", secretToken: "secret_token_0123456789" },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await pendingCount(owner.token, res.body.id)).toBe(0);
    const deleted = await remove(owner.token, res.body.id);
    expect(deleted.body).toEqual({ ok: true, expiredPaymentLinks: 0 });
  });
});
