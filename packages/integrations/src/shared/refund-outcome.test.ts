import type { PaymentProviderName, ProviderResult, Refund, RefundRequest } from "@crm/domain";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPaymentProviders, defaultPaymentApiBases } from "../payment-providers";
import {
  type FakeMercadoPago,
  type FakeProvider,
  type FakeStripe,
  startFakeMercadoPago,
  startFakeStripe,
} from "../testing";
import { checkoutRequest } from "../testing/payment-requests";

/*
 * What a refund tells when the provider gave no clear answer, on each provider's fake over HTTP: one the provider
 * may have made (no answer after the request left, a cut connection, a proxy's 502, the provider's own 5xx, which
 * Stripe documents as indeterminate) is `outcomeUnknown`, and
 * retryable, for asked again with the same idempotency key it is made once; one that cannot have left, or that
 * the provider itself refused, is not.
 */

interface Provider {
  fake: FakeProvider & { apiBase: string };
  /** A paid payment of 100.00 BRL at the fake, refundable. */
  paid(): Promise<string>;
  /** What the fake has refunded of it, in cents. */
  refunded(providerPaymentId: string): number;
  /** Requests the SDK makes for one call that gets no answer: Stripe's retries once. */
  attempts: number;
  /** Through an adapter that gives up on a request unanswered after `timeoutMs`. */
  refund(request: RefundRequest, timeoutMs?: number): Promise<ProviderResult<Refund>>;
}

const fakes: Array<{ close(): Promise<void> }> = [];
const shortTimeoutMs = 1500;

async function stripeProvider(): Promise<Provider> {
  const fake: FakeStripe = await startFakeStripe();
  fakes.push(fake);
  const stripe = createPaymentProviders({ ...defaultPaymentApiBases, stripe: fake.apiBase }).get("stripe");
  return {
    fake,
    attempts: 2,
    async paid() {
      const id = crypto.randomUUID();
      const amount = { amount: "100.00", currency: "BRL" as const };
      const checkout = await stripe.createCheckout(
        fake.config,
        checkoutRequest("stripe", id, amount, new Date(Date.now() + 3_600_000)),
      );
      if (!checkout.ok) throw new Error(checkout.error);
      return fake.pay(checkout.value.providerReference).payment_intent ?? "";
    },
    refunded: (intent) =>
      fake.refunds.filter((r) => r.payment_intent === intent).reduce((sum, r) => sum + r.amount, 0),
    refund: (request, timeoutMs = shortTimeoutMs) =>
      createPaymentProviders({ ...defaultPaymentApiBases, stripe: fake.apiBase }, { timeoutMs })
        .get("stripe")
        .refund(fake.config, request),
  };
}

async function mercadoPagoProvider(): Promise<Provider> {
  const fake: FakeMercadoPago = await startFakeMercadoPago();
  fakes.push(fake);
  const mp = createPaymentProviders({ ...defaultPaymentApiBases, mercadopago: fake.apiBase }).get(
    "mercadopago",
  );
  return {
    fake,
    attempts: 1,
    async paid() {
      const id = crypto.randomUUID();
      const amount = { amount: "100.00", currency: "BRL" as const };
      const checkout = await mp.createCheckout(
        fake.config,
        checkoutRequest("mercadopago", id, amount, new Date(Date.now() + 3_600_000)),
      );
      if (!checkout.ok) throw new Error(checkout.error);
      return String(fake.setPayment(checkout.value.providerReference, "approved").id);
    },
    refunded: (id) => Math.round((fake.payments.get(id)?.transaction_amount_refunded ?? 0) * 100),
    refund: (request, timeoutMs = shortTimeoutMs) =>
      createPaymentProviders({ ...defaultPaymentApiBases, mercadopago: fake.apiBase }, { timeoutMs })
        .get("mercadopago")
        .refund(fake.config, request),
  };
}

const starts: Record<PaymentProviderName, () => Promise<Provider>> = {
  stripe: stripeProvider,
  mercadopago: mercadoPagoProvider,
};

afterAll(async () => {
  await Promise.all(fakes.map((fake) => fake.close()));
});

describe.each(["stripe", "mercadopago"] as const)("a %s refund", (name) => {
  let provider: Provider;
  beforeAll(async () => {
    provider = await starts[name]();
  });
  afterEach(() => provider.fake.recover());

  const refundOf = (providerPaymentId: string, key = crypto.randomUUID()): RefundRequest => ({
    paymentId: "pay-refund",
    providerPaymentId,
    amount: { amount: "30.00", currency: "BRL" },
    idempotencyKey: key,
  });

  it.each([
    ["never answered", (fake: typeof provider.fake, attempts: number) => fake.hangNext(attempts)],
    [
      "answered with its own 500",
      (fake: typeof provider.fake, attempts: number) => fake.serverErrorAfterHandlingNext(attempts),
    ],
  ])(
    "the provider made, then %s, is unconfirmed; asked again with its key, it is made once",
    async (_, fail) => {
      const id = await provider.paid();
      const request = refundOf(id);
      fail(provider.fake, provider.attempts);

      expect(await provider.refund(request)).toEqual({
        ok: false,
        error: expect.any(String),
        retryable: true,
        outcomeUnknown: true,
      });
      expect(provider.refunded(id)).toBe(3000);

      const again = await provider.refund(request);
      expect(again).toMatchObject({ ok: true, value: { amount: { amount: "30.00", currency: "BRL" } } });
      expect(provider.refunded(id)).toBe(3000);
    },
  );

  it("whose connection was cut after the provider made it is unconfirmed", async () => {
    const id = await provider.paid();
    provider.fake.cutNext(provider.attempts);

    expect(await provider.refund(refundOf(id))).toMatchObject({
      ok: false,
      retryable: true,
      outcomeUnknown: true,
    });
    expect(provider.refunded(id)).toBe(3000);
  });

  it("answered by a proxy's 502 or the provider's own 500 is unconfirmed; a refusal is not", async () => {
    const id = await provider.paid();
    provider.fake.badGatewayNext(provider.attempts);
    expect(await provider.refund(refundOf(id))).toMatchObject({
      ok: false,
      retryable: true,
      outcomeUnknown: true,
    });

    // a 500 of the provider's own, nothing made: it cannot tell that either
    provider.fake.failAlways(500);
    expect(await provider.refund(refundOf(id))).toMatchObject({
      ok: false,
      retryable: true,
      outcomeUnknown: true,
    });
    provider.fake.recover();

    const tooMuch = await provider.refund({
      ...refundOf(id),
      amount: { amount: "1000.00", currency: "BRL" },
    });
    expect(tooMuch).toMatchObject({ ok: false, retryable: false });
    expect(tooMuch).not.toHaveProperty("outcomeUnknown");
  });

  it("refused a connection cannot have been made, and is not unconfirmed", async () => {
    // a fake of its own, that no connection was ever kept open to (a stale one may have carried the request)
    const offline = await starts[name]();
    await offline.fake.stopListening();
    try {
      const refused = await offline.refund(refundOf("never-reached"));
      expect(refused).toMatchObject({ ok: false, retryable: true });
      expect(refused).not.toHaveProperty("outcomeUnknown");
    } finally {
      await offline.fake.listenAgain();
    }
    expect(offline.fake.requests).toEqual([]);
  });
});

describe("a Stripe refund the SDK retried", () => {
  it("is unconfirmed when its first attempt was taken, though the retry found Stripe unreachable", async () => {
    const provider = await stripeProvider();
    const id = await provider.paid();
    provider.fake.hangNext();

    const refund = provider.refund(
      {
        paymentId: "pay-retried",
        providerPaymentId: id,
        amount: { amount: "30.00", currency: "BRL" },
        idempotencyKey: crypto.randomUUID(),
      },
      10_000,
    );
    // Stripe took the first attempt; then it goes away, cutting that connection: the SDK's retry is refused
    await vi.waitFor(() =>
      expect(provider.fake.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(1),
    );
    await provider.fake.stopListening();
    try {
      const result = await refund;
      expect(result).toMatchObject({ ok: false, retryable: true, outcomeUnknown: true });
      expect(result.ok || result.error).toContain("connection to Stripe");
    } finally {
      await provider.fake.listenAgain();
    }
    expect(provider.refunded(id)).toBe(3000);
  });
});
