import type { Money, PaymentProvider } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentProviders, defaultPaymentApiBases } from "../payment-providers";
import { type FakeMercadoPago, startFakeMercadoPago } from "../testing";
import { checkoutRequest, webhookRequest } from "../testing/payment-requests";

let fake: FakeMercadoPago;
let mp: PaymentProvider<"mercadopago">;

beforeAll(async () => {
  fake = await startFakeMercadoPago();
  mp = createPaymentProviders({ ...defaultPaymentApiBases, mercadopago: fake.apiBase }).get("mercadopago");
});
afterAll(() => fake.close());

const checkout = (paymentId: string, amount: Money) =>
  checkoutRequest("mercadopago", paymentId, amount, new Date("2026-12-01T12:00:00.000Z"));

async function preference(paymentId: string, amount: Money): Promise<string> {
  const result = await mp.createCheckout(fake.config, checkout(paymentId, amount));
  if (!result.ok) throw new Error(result.error);
  return result.value.providerReference;
}

describe("Mercado Pago Checkout Pro", () => {
  it("creates a preference with the amount as an exact decimal: 1234.56 BRL -> 1234.56", async () => {
    const result = await mp.createCheckout(
      fake.config,
      checkout("pay-1", { amount: "1234.56", currency: "BRL" }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const call = fake.requests.find((r) => r.path === "/checkout/preferences" && r.body.includes("pay-1"));
    expect(call?.body).toContain('"unit_price":1234.56');
    expect(call?.headers.authorization).toBe(`Bearer ${fake.config.accessToken}`);
    expect(call?.headers["x-idempotency-key"]).toBe("preference-pay-1");
    expect(call?.json).toMatchObject({
      items: [{ id: "pay-1", title: "Plano anual", quantity: 1, currency_id: "BRL" }],
      external_reference: "pay-1",
      notification_url: "https://api.example.com/webhooks/mercadopago/1",
      back_urls: { success: "https://app.example.com/payments/pay-1" },
      expires: true,
      expiration_date_to: "2026-12-01T12:00:00.000Z",
    });
    const stored = fake.preferences.get(result.value.providerReference);
    expect(result.value.paymentLink).toBe(stored?.init_point);
  });

  it("sends the amount as the price whatever the description says", async () => {
    const request = { ...checkout("pay-3", { amount: "99.90", currency: "BRL" }), description: "__amount__" };
    await mp.createCheckout(fake.config, request);
    const call = fake.requests.find((r) => r.path === "/checkout/preferences" && r.body.includes("pay-3"));
    expect(call?.json).toMatchObject({ items: [{ title: "__amount__", unit_price: 99.9 }] });
  });

  it("keeps amounts a float would round: 0.10 + 0.20 style values are sent as written", async () => {
    await mp.createCheckout(fake.config, checkout("pay-2", { amount: "10000000000.30", currency: "BRL" }));
    const call = fake.requests.find((r) => r.path === "/checkout/preferences" && r.body.includes("pay-2"));
    expect(call?.body).toContain('"unit_price":10000000000.30');
  });

  it("charges in the account's own currency only, as its site says; BRL when the account cannot be asked", async () => {
    expect(await mp.currencies(fake.config)).toEqual(["BRL"]);
    const argentina = await startFakeMercadoPago({ siteId: "MLA" });
    try {
      const provider = createPaymentProviders({ ...defaultPaymentApiBases, mercadopago: argentina.apiBase });
      expect(await provider.get("mercadopago").currencies(argentina.config)).toEqual(["ARS"]);
    } finally {
      await argentina.close();
    }
    expect(await mp.currencies({ ...fake.config, accessToken: "APP_USR-revoked" })).toEqual(["BRL"]);
  });

  it("expires a preference by moving its expiry into the past: it can no longer be paid", async () => {
    const prefId = await preference("pay-expire", { amount: "50.00", currency: "BRL" });
    const before = Date.now();
    expect(await mp.expireCheckout(fake.config, prefId)).toEqual({ ok: true, value: undefined });
    const call = fake.requests.at(-1);
    expect(call).toMatchObject({ method: "PUT", path: `/checkout/preferences/${prefId}` });
    expect(call?.headers.authorization).toBe(`Bearer ${fake.config.accessToken}`);
    expect(call?.json).toMatchObject({ expires: true });
    const sent = (call?.json ?? {}) as { expiration_date_to?: unknown };
    expect(Date.parse(String(sent.expiration_date_to))).toBeLessThan(before);
    expect(() => fake.setPayment(prefId, "approved")).toThrow(/cannot be paid/);
    expect(await mp.expireCheckout(fake.config, "123-unknown")).toMatchObject({
      ok: false,
      error: "HTTP 404: preference_id not found",
      retryable: false,
    });
  });

  it("looks a payment up: status, our id and the refunded total", async () => {
    const prefId = await preference("pay-3", { amount: "1234.56", currency: "BRL" });
    const payment = fake.setPayment(prefId, "approved");
    expect(await mp.fetchPayment(fake.config, String(payment.id))).toEqual({
      ok: true,
      value: {
        paymentId: "pay-3",
        providerPaymentId: String(payment.id),
        status: "paid",
        refundedAmount: { amount: "0.00", currency: "BRL" },
      },
    });
    // a declined attempt does not end the link: the preference is still payable
    fake.setPayment(prefId, "rejected", payment.id, "cc_rejected_insufficient_amount");
    const rejected = await mp.fetchPayment(fake.config, String(payment.id));
    expect(rejected).toMatchObject({
      ok: true,
      value: { attemptFailed: true, declineCode: "cc_rejected_insufficient_amount" },
    });
    expect(rejected.ok && rejected.value.status).toBeUndefined();
    expect(await mp.fetchPayment(fake.config, "999")).toEqual({
      ok: false,
      error: "HTTP 404: Payment not found",
      retryable: false,
    });
  });

  it("refunds part, then the rest, with decimal amounts and the caller's idempotency key", async () => {
    const prefId = await preference("pay-4", { amount: "1234.56", currency: "BRL" });
    const payment = fake.setPayment(prefId, "approved");
    const refund = (amount: string, key: string) =>
      mp.refund(fake.config, {
        paymentId: "pay-4",
        providerPaymentId: String(payment.id),
        amount: { amount, currency: "BRL" },
        idempotencyKey: key,
      });
    const first = await refund("234.56", "r-1");
    expect(first).toMatchObject({ ok: true, value: { amount: { amount: "234.56", currency: "BRL" } } });
    // a retry with the same key gets the same refund, and refunds nothing more
    expect(await refund("234.56", "r-1")).toEqual(first);
    expect(fake.payments.get(String(payment.id))?.transaction_amount_refunded).toBe(234.56);
    expect(await refund("1000.00", "r-2")).toMatchObject({
      ok: true,
      value: { amount: { amount: "1000.00" } },
    });
    const calls = fake.requests.filter((r) => r.path === `/v1/payments/${payment.id}/refunds`);
    expect(calls.map((r) => [r.body, r.headers["x-idempotency-key"]])).toEqual([
      ['{"amount":234.56}', "r-1"],
      ['{"amount":234.56}', "r-1"],
      ['{"amount":1000.00}', "r-2"],
    ]);
    expect(fake.payments.get(String(payment.id))?.status).toBe("refunded");
    expect(await refund("0.01", "r-3")).toEqual({
      ok: false,
      error: "HTTP 400: Invalid refund amount",
      retryable: false,
    });
  });

  it("reports refused tokens and outages; checks credentials on /users/me", async () => {
    const wrong = { ...fake.config, accessToken: "APP_USR-wrong" };
    expect(await mp.createCheckout(wrong, checkout("pay-5", { amount: "1.00", currency: "BRL" }))).toEqual({
      ok: false,
      error: "HTTP 401: invalid access token",
      retryable: false,
    });
    fake.failNext(500);
    expect(await mp.fetchPayment(fake.config, "1")).toMatchObject({ ok: false, retryable: true });
    // throttled: said so, the caller answers 429 (no Retry-After here: the caller's default wait)
    fake.failNext(429);
    const throttled = await mp.fetchPayment(fake.config, "1");
    expect(throttled).toMatchObject({ ok: false, retryable: true, throttled: true });
    expect(throttled).not.toHaveProperty("retryAfterSeconds");
    expect(await mp.whoAmI(fake.config)).toEqual({ ok: true, identity: "Mercado Pago TESTUSER123" });
    expect(await mp.whoAmI(wrong)).toEqual({ ok: false, error: "HTTP 401: invalid access token" });
  });
});

describe("Mercado Pago webhooks", () => {
  it("verifies x-signature over the manifest id;request-id;ts within 300 seconds", () => {
    const notification = fake.notification("1234567890");
    const good = fake.signedWebhook(notification);
    expect(mp.verify(webhookRequest(good.body, good.headers), fake.config)).toBe(true);
    const forged = fake.signedWebhook(notification, { secret: "other" });
    expect(mp.verify(webhookRequest(forged.body, forged.headers), fake.config)).toBe(false);
    const otherPayment = JSON.stringify({ ...notification, data: { id: "1234567891" } });
    expect(mp.verify(webhookRequest(otherPayment, good.headers), fake.config)).toBe(false);
    const stale = fake.signedWebhook(notification, { ts: Math.floor(Date.now() / 1000) - 301 });
    expect(mp.verify(webhookRequest(stale.body, stale.headers), fake.config)).toBe(false);
    const { "x-request-id": _dropped, ...withoutRequestId } = good.headers;
    expect(mp.verify(webhookRequest(good.body, withoutRequestId), fake.config)).toBe(false);
  });

  it("reads a notification as a payment to look up (the API wins), by its notification id", () => {
    const notification = fake.notification(42, "payment.updated");
    expect(mp.eventId(notification)).toBe(String(notification.id));
    expect(mp.parse(notification)).toEqual({
      kind: "lookup",
      eventId: String(notification.id),
      type: "payment.updated",
      providerPaymentId: "42",
    });
    expect(mp.parse({ ...notification, type: "merchant_order" })).toMatchObject({ kind: "ignored" });
  });
});
