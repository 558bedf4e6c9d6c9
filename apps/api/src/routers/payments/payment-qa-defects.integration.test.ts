import { readEnv } from "@crm/db/cli/env";
import { deleteDeal } from "@crm/domain";
import { postWebhook } from "@crm/integrations/testing";
import { sql } from "kysely";
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
  it("keeps the link pending and tells the deal once, with Stripe's reason; the next card pays it and wins the deal", async () => {
    const { token, deal, integrationId } = await dealWorth("1234.56");
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const declined = bed.stripe.event("payment_intent.payment_failed", {
      id: `pi_declined_${created.id}`,
      object: "payment_intent",
      status: "requires_payment_method",
      metadata: { paymentId: created.id },
      last_payment_error: {
        type: "card_error",
        code: "card_declined",
        decline_code: "insufficient_funds",
        message: "Your card has insufficient funds.",
      },
    });
    // Stripe redelivers an event it is not sure we got
    for (let delivery = 0; delivery < 2; delivery += 1) {
      expect(
        (await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(declined))).status,
      ).toBe(200);
    }
    await waitForLogsProcessed(bed.api, integrationId, 1);
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
        provider: "stripe",
        amount: "1234.56",
        currency: "BRL",
        providerPaymentId: `pi_declined_${created.id}`,
        declineCode: "insufficient_funds",
        declineMessage: "Your card has insufficient funds.",
      },
    ]);

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

// PGlite has one connection and no row locks to see
describe.skipIf(!readEnv().databaseUrl)("a refund while the provider is answering (Postgres)", () => {
  /** Holds the provider's refund calls until the test lets them go; `reached` resolves at the first one. */
  function holdStripeRefunds() {
    const stripe = bed.api.container.payments.providers.get("stripe");
    const real = stripe.refund.bind(stripe);
    let reached: () => void = () => {};
    let release: () => void = () => {};
    const atProvider = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const spy = vi.spyOn(stripe, "refund").mockImplementation(async (config, request) => {
      reached();
      await released;
      return real(config, request);
    });
    return { atProvider, release, restore: () => spy.mockRestore() };
  }

  it("holds no transaction, so neither a connection nor the payment's row, during the provider's call", async () => {
    const { token, deal, integrationId } = await dealWorth("40.00");
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await payThroughStripe(bed, token, integrationId, created);
    const held = holdStripeRefunds();
    try {
      const answer = refund(token, created.id, { amount: "10.00" });
      await held.atProvider;
      const { db } = bed.api.container.db;
      // another transaction takes the payment's row at once (NOWAIT fails if the refund still had it locked)
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom("payments")
          .select("id")
          .where("id", "=", created.id)
          .forUpdate()
          .noWait()
          .executeTakeFirst();
        expect(row?.id).toBe(created.id);
      });
      // and no session of this database sits in a transaction holding locks on payments, waiting for Stripe
      const { rows } = await sql<{ waiting: string }>`
        select count(*) as waiting from pg_stat_activity a
        where a.datname = current_database() and a.state like 'idle in transaction%'
          and exists (select 1 from pg_locks l where l.pid = a.pid and l.relation = 'payments'::regclass)
      `.execute(db);
      expect(Number(rows[0]?.waiting)).toBe(0);
      held.release();
      expect((await answer).status).toBe(200);
    } finally {
      held.release();
      held.restore();
    }
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({ refundedAmount: "10.00" });
  });

  it("reserves the amount first: a second refund asking for more than is left meanwhile is refused", async () => {
    const { token, deal, integrationId } = await dealWorth("40.00");
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await payThroughStripe(bed, token, integrationId, created);
    const held = holdStripeRefunds();
    let first: Awaited<ReturnType<typeof refund>> | undefined;
    try {
      const answer = refund(token, created.id, { amount: "25.00" });
      await held.atProvider;
      const second = await refund(token, created.id, { amount: "20.00" });
      expect(second.status).toBe(422);
      expect(second.body.message).toContain("At most 15.00 BRL can still be refunded");
      held.release();
      first = await answer;
    } finally {
      held.release();
      held.restore();
    }
    expect(first?.status).toBe(200);
    // once answered, the rest is refundable again as usual
    expect((await refund(token, created.id, { amount: "15.00" })).status).toBe(200);
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({
      status: "refunded",
      refundedAmount: "40.00",
    });
  });

  it("counts a refund once when Stripe's webhook for it is processed before the refund is recorded", async () => {
    const { token, deal, integrationId } = await dealWorth("40.00");
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = await payThroughStripe(bed, token, integrationId, created);
    const stripe = bed.api.container.payments.providers.get("stripe");
    const real = stripe.refund.bind(stripe);
    const spy = vi.spyOn(stripe, "refund").mockImplementation(async (config, request) => {
      const answer = await real(config, request);
      // Stripe's charge.refunded (its total counts this refund) arrives while our answer is on its way
      const refunded = bed.stripe.event("charge.refunded", bed.stripe.charge(session.id));
      await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(refunded));
      await waitForLogsProcessed(bed.api, integrationId, 2);
      return answer;
    });
    try {
      expect((await refund(token, created.id, { amount: "10.00" })).status).toBe(200);
    } finally {
      spy.mockRestore();
    }
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({ refundedAmount: "10.00" });
    const refunds = (await activitiesOf(bed.api, token, deal.id)).filter(
      (a) => a.type === "payment_refunded",
    );
    expect(refunds.map((a) => (a.data as { refundedAmount: string }).refundedAmount)).toEqual(["10.00"]);
  });

  it("gives the reservation back when the provider refuses the refund", async () => {
    const { token, deal, integrationId } = await dealWorth("40.00");
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await payThroughStripe(bed, token, integrationId, created);
    bed.stripe.failNext(401, 1);
    expect((await refund(token, created.id, {})).status).toBe(502);
    expect((await refund(token, created.id, {})).status).toBe(200);
    expect(await paymentOf(bed.api, token, created.id)).toMatchObject({ refundedAmount: "40.00" });
  });
});

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
    expect(refused.body.data).toMatchObject({
      appCode: "PROVIDER_ERROR",
      retryAfterSeconds: null,
      provider: "stripe",
    });
  });
});
