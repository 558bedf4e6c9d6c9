import type { Money, PaymentProvider } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentProviders, defaultPaymentApiBases } from "../payment-providers";
import { type FakeStripe, startFakeStripe } from "../testing";
import { checkoutRequest, webhookRequest } from "../testing/payment-requests";

let fake: FakeStripe;
let stripe: PaymentProvider<"stripe">;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = createPaymentProviders({ ...defaultPaymentApiBases, stripe: fake.apiBase }).get("stripe");
});
afterAll(() => fake.close());

const checkout = (paymentId: string, amount: Money) =>
  checkoutRequest("stripe", paymentId, amount, new Date(Date.now() + 3_600_000));

async function paidSession(paymentId: string, amount: Money) {
  const result = await stripe.createCheckout(fake.config, checkout(paymentId, amount));
  if (!result.ok) throw new Error(result.error);
  return fake.pay(result.value.providerReference);
}

describe("Stripe Checkout through the SDK", () => {
  it("creates a session in payment mode with the amount in minor units: 1234.56 BRL -> 123456", async () => {
    const result = await stripe.createCheckout(
      fake.config,
      checkout("pay-1", { amount: "1234.56", currency: "BRL" }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = fake.sessions.get(result.value.providerReference);
    expect(session?.form).toMatchObject({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][unit_amount]": "123456",
      "line_items[0][price_data][currency]": "brl",
      "line_items[0][price_data][product_data][name]": "Plano anual",
      client_reference_id: "pay-1",
      "metadata[paymentId]": "pay-1",
      "payment_intent_data[metadata][paymentId]": "pay-1",
      success_url: "https://app.example.com/payments/pay-1",
    });
    expect(result.value).toEqual({
      providerReference: session?.id,
      paymentLink: session?.url,
      expiresAt: new Date((session?.expires_at ?? 0) * 1000),
    });
    const call = fake.requests.find((r) => r.path === "/v1/checkout/sessions" && r.body.includes("pay-1"));
    expect(call?.headers["idempotency-key"]).toBe("checkout-pay-1");
    expect(call?.headers.authorization).toBe(`Bearer ${fake.config.secretKey}`);
  });

  it("sends zero-decimal currencies as they are and big amounts without a float", async () => {
    await stripe.createCheckout(fake.config, checkout("pay-jpy", { amount: "500", currency: "JPY" }));
    await stripe.createCheckout(
      fake.config,
      checkout("pay-big", { amount: "90071992547409.91", currency: "USD" }),
    );
    const amountOf = (id: string) =>
      [...fake.sessions.values()].find((s) => s.metadata.paymentId === id)?.form[
        "line_items[0][price_data][unit_amount]"
      ];
    expect(amountOf("pay-jpy")).toBe("500");
    expect(amountOf("pay-big")).toBe("9007199254740991");
  });

  it("accepts every currency the CRM knows", async () => {
    const accepted = await stripe.currencies(fake.config);
    for (const currency of ["BRL", "USD", "EUR", "JPY", "CLP", "MXN"] as const) {
      expect(accepted).toContain(currency);
    }
  });

  it("expires an open Checkout Session, and reports Stripe's refusal for one already paid", async () => {
    const open = await stripe.createCheckout(
      fake.config,
      checkout("pay-expire", { amount: "10.00", currency: "BRL" }),
    );
    if (!open.ok) throw new Error(open.error);
    const id = open.value.providerReference;
    expect(await stripe.expireCheckout(fake.config, id)).toEqual({ ok: true, value: undefined });
    expect(fake.requests.at(-1)).toMatchObject({
      method: "POST",
      path: `/v1/checkout/sessions/${id}/expire`,
    });
    expect(fake.sessions.get(id)?.status).toBe("expired");
    expect(() => fake.pay(id)).toThrow(/cannot be paid/);

    const paid = await paidSession("pay-expire-paid", { amount: "10.00", currency: "BRL" });
    const refused = await stripe.expireCheckout(fake.config, paid.id);
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.ok ? "" : refused.error).toContain("complete");
  });

  it("refunds part, then the rest, in minor units with the caller's idempotency key", async () => {
    const session = await paidSession("pay-refund", { amount: "1234.56", currency: "BRL" });
    const intent = session.payment_intent ?? "";
    const partial = await stripe.refund(fake.config, {
      paymentId: "pay-refund",
      providerPaymentId: intent,
      amount: { amount: "234.56", currency: "BRL" },
      idempotencyKey: "refund-1",
    });
    expect(partial).toMatchObject({ ok: true, value: { amount: { amount: "234.56", currency: "BRL" } } });
    const rest = await stripe.refund(fake.config, {
      paymentId: "pay-refund",
      providerPaymentId: intent,
      amount: { amount: "1000.00", currency: "BRL" },
      idempotencyKey: "refund-2",
    });
    expect(rest).toMatchObject({ ok: true, value: { amount: { amount: "1000.00", currency: "BRL" } } });
    // a retry with the first key gets the first refund back, and refunds nothing more
    const retried = await stripe.refund(fake.config, {
      paymentId: "pay-refund",
      providerPaymentId: intent,
      amount: { amount: "234.56", currency: "BRL" },
      idempotencyKey: "refund-1",
    });
    expect(retried).toEqual(partial);
    expect(fake.refunds.filter((r) => r.payment_intent === intent).map((r) => r.amount)).toEqual([
      23456, 100000,
    ]);
    const keys = fake.requests
      .filter((r) => r.path === "/v1/refunds")
      .map((r) => r.headers["idempotency-key"]);
    expect(keys).toEqual(expect.arrayContaining(["refund-1", "refund-2"]));
  });

  it("returns Stripe's refusal, retryable only for rate limits and server errors", async () => {
    const session = await paidSession("pay-errors", { amount: "10.00", currency: "BRL" });
    const refund = (amount: string) =>
      stripe.refund(fake.config, {
        paymentId: "pay-errors",
        providerPaymentId: session.payment_intent ?? "",
        amount: { amount, currency: "BRL" },
        idempotencyKey: `too-much-${amount}`,
      });
    expect(await refund("10.01")).toEqual({
      ok: false,
      error: "Refund amount is greater than unrefunded amount",
      retryable: false,
    });
    const badKey = await stripe.createCheckout(
      { ...fake.config, secretKey: "sk_test_wrong" },
      checkout("pay-401", { amount: "1.00", currency: "BRL" }),
    );
    expect(badKey).toEqual({ ok: false, error: "Invalid API Key provided", retryable: false });
    fake.failAlways(500);
    try {
      const down = await stripe.createCheckout(
        fake.config,
        checkout("pay-500", { amount: "1.00", currency: "BRL" }),
      );
      expect(down).toMatchObject({ ok: false, retryable: true });
    } finally {
      fake.recover();
    }
  });

  it("looks a PaymentIntent up, and checks credentials on the balance", async () => {
    const session = await paidSession("pay-lookup", { amount: "5.00", currency: "BRL" });
    expect(await stripe.fetchPayment(fake.config, session.payment_intent ?? "")).toEqual({
      ok: true,
      value: { paymentId: "pay-lookup", providerPaymentId: session.payment_intent, status: "paid" },
    });
    expect(await stripe.whoAmI(fake.config)).toEqual({ ok: true, identity: null, mode: "test" });
    expect(await stripe.whoAmI({ ...fake.config, secretKey: "sk_test_wrong" })).toEqual({
      ok: false,
      error: "Invalid API Key provided",
    });
  });

  it("says whether a key is a live one, as Stripe's livemode does", async () => {
    const live = await startFakeStripe({ secretKey: "sk_live_0123456789abcdef" });
    try {
      const provider = createPaymentProviders({ ...defaultPaymentApiBases, stripe: live.apiBase }).get(
        "stripe",
      );
      expect(await provider.whoAmI(live.config)).toEqual({ ok: true, identity: null, mode: "live" });
    } finally {
      await live.close();
    }
  });
});

describe("Stripe webhooks", () => {
  const event = () => fake.event("checkout.session.completed", { id: "cs_1", object: "checkout.session" });

  it("verifies Stripe-Signature over t.body within 300 seconds; any v1 may match", () => {
    const good = fake.signedWebhook(event());
    expect(stripe.verify(webhookRequest(good.body, good.headers), fake.config)).toBe(true);
    const forged = fake.signedWebhook(event(), { secret: "whsec_other" });
    expect(stripe.verify(webhookRequest(forged.body, forged.headers), fake.config)).toBe(false);
    expect(stripe.verify(webhookRequest(`${good.body} `, good.headers), fake.config)).toBe(false);
    const old = fake.signedWebhook(event(), { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stripe.verify(webhookRequest(old.body, old.headers), fake.config)).toBe(false);
    const rotated = good.headers["stripe-signature"]?.replace("v1=", `v1=${"a".repeat(64)},v1=`) ?? "";
    expect(stripe.verify(webhookRequest(good.body, { "stripe-signature": rotated }), fake.config)).toBe(true);
    expect(stripe.verify(webhookRequest(good.body, {}), fake.config)).toBe(false);
  });

  it("reads what each event says about the payment", () => {
    const completed = stripe.parse(
      fake.event("checkout.session.completed", {
        id: "cs_2",
        object: "checkout.session",
        payment_status: "paid",
        payment_intent: "pi_2",
        metadata: { paymentId: "pay-2" },
      }),
    );
    expect(completed).toMatchObject({
      kind: "snapshot",
      snapshot: { paymentId: "pay-2", providerReference: "cs_2", providerPaymentId: "pi_2", status: "paid" },
    });
    const refunded = stripe.parse(
      fake.event("charge.refunded", {
        object: "charge",
        amount_refunded: 23456,
        currency: "brl",
        payment_intent: "pi_2",
      }),
    );
    expect(refunded).toMatchObject({
      snapshot: { providerPaymentId: "pi_2", refundedAmount: { amount: "234.56", currency: "BRL" } },
    });
    expect(stripe.parse(fake.event("customer.created", { id: "cus_1" }))).toMatchObject({ kind: "ignored" });
  });

  it("a declined card is one failed attempt, the session still payable; a canceled PaymentIntent ends it", () => {
    const failedWith = (status: string) =>
      stripe.parse(
        fake.event("payment_intent.payment_failed", {
          id: "pi_3",
          object: "payment_intent",
          status,
          metadata: { paymentId: "pay-3" },
        }),
      );
    const declined = failedWith("requires_payment_method");
    expect(declined).toMatchObject({
      kind: "snapshot",
      snapshot: { paymentId: "pay-3", providerPaymentId: "pi_3", attemptFailed: true },
    });
    expect(declined?.kind === "snapshot" && declined.snapshot.status).toBeUndefined();
    const withError = stripe.parse(
      fake.event("payment_intent.payment_failed", {
        id: "pi_4",
        object: "payment_intent",
        status: "requires_payment_method",
        last_payment_error: {
          type: "card_error",
          code: "card_declined",
          decline_code: "insufficient_funds",
          message: "Your card has insufficient funds.",
        },
      }),
    );
    expect(withError).toMatchObject({
      snapshot: {
        attemptFailed: true,
        declineCode: "insufficient_funds",
        declineMessage: "Your card has insufficient funds.",
      },
    });
    expect(failedWith("canceled")).toMatchObject({ snapshot: { status: "failed" } });
    expect(
      stripe.parse(
        fake.event("checkout.session.async_payment_failed", { id: "cs_3", object: "checkout.session" }),
      ),
    ).toMatchObject({ snapshot: { providerReference: "cs_3", status: "failed" } });
    expect(stripe.parse({ object: "list" })).toBeUndefined();
  });
});
