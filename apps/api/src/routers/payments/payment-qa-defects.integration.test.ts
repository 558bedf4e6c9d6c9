import { readEnv } from "@crm/db/cli/env";
import { deleteDeal } from "@crm/domain";
import { postWebhook } from "@crm/integrations/testing";
import { describe, expect, it, vi } from "vitest";
import { waitForLockWaiter } from "../../testing/lock-waiter";
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

interface ErrorBody {
  message: string;
  data: {
    appCode: string | null;
    fieldErrors: Record<string, string[]> | null;
    retryAfterSeconds: number | null;
  };
}

/** An owner with a deal worth `amount` BRL and Stripe connected. */
const dealWorth = (amount: string) =>
  paymentWorkspace(bed.api, "stripe", bed.stripe.config, { amount, currency: "BRL" });

const dealOf = async (token: string, dealId: string) =>
  (await bed.api.rest<DealDto>("GET", `/deals/${dealId}`, { token })).body;

const refund = (token: string, id: string, body: Record<string, unknown>) =>
  bed.api.rest<PaymentDto & ErrorBody>("POST", `/payments/${id}/refund`, { token, body });

describe("deleting a deal with payment links", () => {
  it("expires its pending links at the provider first; a paid payment stays, without the deal", async () => {
    const { token, deal, integrationId } = await dealWorth("100.00");
    const paid = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "10.00" });
    await payThroughStripe(bed, token, integrationId, paid);
    const pending = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "90.00" });

    expect((await bed.api.rest("DELETE", `/deals/${deal.id}`, { token })).status).toBe(200);
    expect(bed.stripe.sessions.get(pending.providerReference ?? "")?.status).toBe("expired");
    expect(await paymentOf(bed.api, token, pending.id)).toMatchObject({ status: "expired", dealId: null });
    // the money that came in keeps its record, without the deal
    expect(await paymentOf(bed.api, token, paid.id)).toMatchObject({ status: "paid", dealId: null });
    // the customer can no longer pay the link
    expect(() => bed.stripe.pay(pending.providerReference ?? "")).toThrow();
  });

  it("the deal's deletion itself refuses (409) a pending link, such as one created after the links were expired", async () => {
    const { owner, token, deal } = await dealWorth("100.00");
    const pending = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const actor = {
      kind: "apiKey" as const,
      apiKeyId: "00000000-0000-4000-8000-000000000000",
      organizationId: owner.organization.id,
      role: "owner" as const,
    };
    await expect(deleteDeal(bed.api.container.deals, actor, deal.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("1 pending payment link"),
    });
    expect((await dealOf(token, deal.id)).id).toBe(deal.id);
    expect((await paymentOf(bed.api, token, pending.id)).dealId).toBe(deal.id);
  });

  it("keeps the deal (409) while a payment awaits the customer at the provider, such as a boleto", async () => {
    const { token, deal, integrationId } = await dealWorth("100.00");
    const boleto = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = bed.stripe.pay(boleto.providerReference ?? "");
    const unpaid = bed.stripe.event("checkout.session.completed", { ...session, payment_status: "unpaid" });
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(unpaid));
    await waitForPayment(bed.api, token, boleto.id, { providerPaymentId: session.payment_intent });

    const refused = await bed.api.rest<ErrorBody>("DELETE", `/deals/${deal.id}`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.data.appCode).toBe("CONFLICT");
    expect(refused.body.message).toContain(`payment ${boleto.id}`);
    expect((await dealOf(token, deal.id)).id).toBe(deal.id);
    expect((await paymentOf(bed.api, token, boleto.id)).status).toBe("pending");
  });

  it("keeps the deal (502) when the provider does not expire a link: the customer paid it meanwhile", async () => {
    const { token, deal, integrationId } = await dealWorth("100.00");
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = bed.stripe.pay(created.providerReference ?? "");

    const refused = await bed.api.rest<ErrorBody>("DELETE", `/deals/${deal.id}`, { token });
    expect(refused.status).toBe(502);
    expect(refused.body.message).toContain(`payment ${created.id}`);
    expect((await dealOf(token, deal.id)).id).toBe(deal.id);
    // the payment's notification then finds its deal, and wins it
    const completed = bed.stripe.event("checkout.session.completed", session);
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(completed));
    await waitForPayment(bed.api, token, created.id, { status: "paid", dealId: deal.id });
  });
});

describe("a declined card on an open Stripe Checkout Session", () => {
  it("keeps the link pending; the customer's next card pays it and wins the deal", async () => {
    const { token, deal, integrationId } = await dealWorth("1234.56");
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const declined = bed.stripe.event("payment_intent.payment_failed", {
      id: `pi_declined_${created.id}`,
      object: "payment_intent",
      status: "requires_payment_method",
      metadata: { paymentId: created.id },
      last_payment_error: { code: "card_declined" },
    });
    expect(
      (await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(declined))).status,
    ).toBe(200);
    await waitForLogsProcessed(bed.api, integrationId, 1);
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({
      status: "pending",
      providerPaymentId: null,
    });

    await payThroughStripe(bed, token, integrationId, created);
    expect((await dealOf(token, deal.id)).status).toBe("won");
  });
});

describe("a partial refund told before the payment it refunds", () => {
  it("wins the deal as when told after: the refunded payment counts as paid", async () => {
    const { token, deal, integrationId } = await dealWorth("40.00");
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = bed.stripe.pay(created.providerReference ?? "");
    bed.stripe.refunds.push({
      id: `re_early_${created.id}`,
      payment_intent: session.payment_intent ?? "",
      amount: 1000,
      currency: "brl",
    });
    const refunded = bed.stripe.event("charge.refunded", bed.stripe.charge(session.id));
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(refunded));
    await waitForLogsProcessed(bed.api, integrationId, 1);
    const completed = bed.stripe.event("checkout.session.completed", session);
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(completed));
    await waitForLogsProcessed(bed.api, integrationId, 2);

    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({
      status: "paid",
      refundedAmount: "10.00",
    });
    expect((await dealOf(token, deal.id)).status).toBe("won");
    const paid = (await activitiesOf(bed.api, token, deal.id)).filter((a) => a.type === "payment_paid");
    expect(paid.map((a) => a.data)).toEqual([
      expect.not.objectContaining({ dealPaidTotal: expect.anything() }),
    ]);
  });
});

// PGlite runs one transaction at a time: the two refunds never meet there
describe.skipIf(!readEnv().databaseUrl)(
  "two partial refunds of one payment at the same moment (Postgres)",
  () => {
    it("both count, exactly, each with its activity", async () => {
      const { token, deal, integrationId } = await dealWorth("40.00");
      const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
      await payThroughStripe(bed, token, integrationId, created);
      expect((await refund(token, created.id, { amount: "10.00" })).status).toBe(200);

      // the first refund's Stripe call is held until the second one is either at Stripe too (nothing serializes
      // them) or waiting for the payment's row
      const stripe = bed.api.container.payments.providers.get("stripe");
      const real = stripe.refund.bind(stripe);
      let calls = 0;
      let secondCalled: () => void = () => {};
      const second = new Promise<void>((resolve) => {
        secondCalled = resolve;
      });
      const spy = vi.spyOn(stripe, "refund").mockImplementation(async (config, request) => {
        calls += 1;
        if (calls === 1) await Promise.race([second, waitForLockWaiter(bed.api, "payments", 1)]);
        else secondCalled();
        return real(config, request);
      });
      try {
        const answers = await Promise.all([
          refund(token, created.id, { amount: "3.00" }),
          refund(token, created.id, { amount: "4.00" }),
        ]);
        expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      } finally {
        spy.mockRestore();
      }
      expect(await paymentOf(bed.api, token, created.id)).toMatchObject({ refundedAmount: "17.00" });
      const refunds = (await activitiesOf(bed.api, token, deal.id)).filter(
        (a) => a.type === "payment_refunded",
      );
      expect(refunds.map((a) => (a.data as { amount: string }).amount).sort()).toEqual([
        "10.00",
        "3.00",
        "4.00",
      ]);
    });
  },
);

describe("amounts the API refuses", () => {
  it("says the 13-integer-digit rule, and refuses zero with the same 400 for a link and a refund", async () => {
    const { token, deal, integrationId } = await dealWorth("100.00");
    const huge = await bed.api.rest<ErrorBody>("POST", "/payments", {
      token,
      body: { dealId: deal.id, amount: "99999999999999" },
    });
    expect(huge.status).toBe(400);
    expect(huge.body.message).toContain("13 integer digits");
    expect(huge.body.data.fieldErrors?.amount?.join(" ")).toContain("9999999999999.99");

    const zeroLink = await bed.api.rest<ErrorBody>("POST", "/payments", {
      token,
      body: { dealId: deal.id, amount: "0" },
    });
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "10.00" });
    await payThroughStripe(bed, token, integrationId, created);
    const zeroRefund = await refund(token, created.id, { amount: "0" });
    for (const zero of [zeroLink, zeroRefund]) {
      expect(zero.status).toBe(400);
      expect(zero.body.data.appCode).toBe("VALIDATION_FAILED");
      expect(zero.body.data.fieldErrors?.amount).toEqual(["Must be greater than zero"]);
    }
  });
});

describe("Stripe throttling a refund", () => {
  it("answers 429 with Stripe's Retry-After, recording nothing; another refusal stays a 502", async () => {
    const { token, deal, integrationId } = await dealWorth("100.00");
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await payThroughStripe(bed, token, integrationId, created);
    bed.stripe.failNext(429, 1);
    const throttled = await refund(token, created.id, { amount: "1.00" });
    expect(throttled.status).toBe(429);
    expect(throttled.body.data).toMatchObject({ appCode: "RATE_LIMITED", retryAfterSeconds: 7 });
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect(throttled.body.message).toContain("stripe");
    expect((await paymentOf(bed.api, token, created.id)).refundedAmount).toBe("0.00");

    bed.stripe.failNext(401, 1);
    const refused = await refund(token, created.id, { amount: "1.00" });
    expect(refused.status).toBe(502);
    expect(refused.body.data).toMatchObject({ appCode: "PROVIDER_ERROR", retryAfterSeconds: null });
  });
});
