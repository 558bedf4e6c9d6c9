import { readEnv } from "@crm/db/cli/env";
import { postWebhook } from "@crm/integrations/testing";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { waitForLockWaiter } from "../../testing/lock-waiter";
import { activitiesOf, type DealDto, recordDealEvents } from "../deals/deal-fixtures";
import {
  createPaymentOk,
  type PaymentDto,
  paymentWorkspace,
  payThroughStripe,
  usePaymentsTestbed,
  waitForPayment,
} from "./payment-fixtures";

const bed = usePaymentsTestbed();

/** An owner with a deal worth `amount` (BRL unless said) and Stripe connected. */
const dealWorth = (amount: string, currency = "BRL") =>
  paymentWorkspace(bed.api, "stripe", bed.stripe.config, { amount, currency });

const dealStatus = async (token: string, dealId: string) =>
  (await bed.api.rest<DealDto>("GET", `/deals/${dealId}`, { token })).body;

const activitiesOfType = async (token: string, dealId: string, type: string) =>
  (await activitiesOf(bed.api, token, dealId)).filter((a) => a.type === type);

const paidActivityOf = async (token: string, dealId: string, payment: PaymentDto) => {
  const paid = await activitiesOfType(token, dealId, "payment_paid");
  return paid.find((a) => a.data.paymentId === payment.id);
};

describe("a paid payment wins its deal only once the deal's value is paid", () => {
  it("a token payment of 0.50 leaves a deal of 50000.00 open, saying how much of it is paid", async () => {
    const { owner, token, deal, integrationId } = await dealWorth("50000.00");
    const dealEvents = recordDealEvents(bed.api, owner.organization.id);
    const token050 = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "0.50" });
    await payThroughStripe(bed, token, integrationId, token050);

    const after = await dealStatus(token, deal.id);
    expect(after.status).toBe("open");
    expect(after.value).toMatchObject({ amount: "50000.00", currency: "BRL" });
    expect((await paidActivityOf(token, deal.id, token050))?.data).toMatchObject({
      amount: "0.50",
      currency: "BRL",
      dealPaidTotal: "0.50",
      dealValue: "50000.00",
      dealCurrency: "BRL",
    });
    expect(await activitiesOfType(token, deal.id, "won")).toHaveLength(0);
    // the deal's timeline changed: clients are told, with the deal still open
    await dealEvents.expectEvent(deal.id, ["activity"]);
    expect(dealEvents.events.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ dealId: deal.id, status: "open" }),
    );
    dealEvents.stop();
  });

  it("a deposit then the rest wins the deal with the second payment; a refund after that does not un-win it", async () => {
    const { token, deal, integrationId } = await dealWorth("1000.00");
    const deposit = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "300.00" });
    const rest = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "700.00" });
    await payThroughStripe(bed, token, integrationId, deposit);
    expect((await dealStatus(token, deal.id)).status).toBe("open");

    await payThroughStripe(bed, token, integrationId, rest);
    expect((await dealStatus(token, deal.id)).status).toBe("won");
    const won = await activitiesOfType(token, deal.id, "won");
    expect(won.map((a) => a.data)).toEqual([expect.objectContaining({ paymentId: rest.id })]);
    // the payment that won says nothing of a partial payment
    expect((await paidActivityOf(token, deal.id, rest))?.data).not.toHaveProperty("dealPaidTotal");

    const refunded = await bed.api.rest<PaymentDto>("POST", `/payments/${rest.id}/refund`, {
      token,
      body: {},
    });
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect((await dealStatus(token, deal.id)).status).toBe("won");
  });

  it("a link created without an amount after a deposit charges what is left, and none when nothing is", async () => {
    const { token, deal, integrationId } = await dealWorth("89.90");
    const deposit = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "50.00" });
    await payThroughStripe(bed, token, integrationId, deposit);

    const rest = await createPaymentOk(bed.api, token, { dealId: deal.id });
    expect(rest.amount).toBe("39.90");

    await payThroughStripe(bed, token, integrationId, rest);
    expect((await dealStatus(token, deal.id)).status).toBe("won");
    const more = await bed.api.rest<{ message: string }>("POST", "/payments", {
      token,
      body: { dealId: deal.id },
    });
    expect(more.status).toBe(422);
    expect(more.body.message).toContain("89.90 paid");
    const extra = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "10.00" });
    expect(extra.amount).toBe("10.00");
  });

  it("counts refunds off the paid total", async () => {
    const { token, deal, integrationId } = await dealWorth("100.00");
    const first = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "60.00" });
    const second = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "50.00" });
    await payThroughStripe(bed, token, integrationId, first);
    const partly = await bed.api.rest<PaymentDto>("POST", `/payments/${first.id}/refund`, {
      token,
      body: { amount: "20.00" },
    });
    expect(partly.status, JSON.stringify(partly.body)).toBe(200);

    // 60.00 - 20.00 + 50.00: short of 100.00, though the amounts paid add up to 110.00
    await payThroughStripe(bed, token, integrationId, second);
    expect((await dealStatus(token, deal.id)).status).toBe("open");
    expect((await paidActivityOf(token, deal.id, second))?.data).toMatchObject({
      dealPaidTotal: "90.00",
      dealValue: "100.00",
    });
  });

  it("a deal without a value is won by any paid payment, in any currency", async () => {
    const { token, deal, integrationId } = await dealWorth("0.00");
    const payment = await createPaymentOk(bed.api, token, {
      dealId: deal.id,
      amount: "5.00",
      currency: "USD",
    });
    await payThroughStripe(bed, token, integrationId, payment);
    expect((await dealStatus(token, deal.id)).status).toBe("won");
    expect(await activitiesOfType(token, deal.id, "won")).toHaveLength(1);
  });

  it("a payment in another currency than the deal's does not count toward its value", async () => {
    const { token, deal, integrationId } = await dealWorth("100.00");
    const dollars = await createPaymentOk(bed.api, token, {
      dealId: deal.id,
      amount: "500.00",
      currency: "USD",
    });
    await payThroughStripe(bed, token, integrationId, dollars);
    expect((await dealStatus(token, deal.id)).status).toBe("open");
    expect((await paidActivityOf(token, deal.id, dollars))?.data).toMatchObject({
      amount: "500.00",
      currency: "USD",
      dealPaidTotal: "0.00",
      dealValue: "100.00",
      dealCurrency: "BRL",
      otherCurrency: true,
    });

    // the deal's own currency still wins it, the dollars not added
    const reais = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "100.00" });
    await payThroughStripe(bed, token, integrationId, reais);
    expect((await dealStatus(token, deal.id)).status).toBe("won");
  });
});

// PGlite runs one transaction at a time: the two payments never meet there
describe.skipIf(!readEnv().databaseUrl)(
  "two payments completing a deal at the same moment (Postgres)",
  () => {
    it("win it exactly once", async () => {
      const { owner, token, deal, integrationId } = await dealWorth("1000.00");
      const dealEvents = recordDealEvents(bed.api, owner.organization.id);
      const halves = [
        await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "500.00" }),
        await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "500.00" }),
      ];
      const webhooks = halves.map((half) =>
        bed.stripe.signedWebhook(
          bed.stripe.event("checkout.session.completed", bed.stripe.pay(half.providerReference ?? "")),
        ),
      );

      // both processings mark their payment paid, then wait for the deal: released, each sums under its lock
      await bed.api.container.db.db.transaction().execute(async (trx) => {
        await sql`select id from deals where id = ${deal.id} for update`.execute(trx);
        for (const webhook of webhooks) {
          expect((await postWebhook(bed.stripeHook(integrationId), webhook)).status).toBe(200);
        }
        await waitForLockWaiter(bed.api, "deals", 2);
      });

      for (const half of halves) await waitForPayment(bed.api, token, half.id, { status: "paid" });
      expect((await dealStatus(token, deal.id)).status).toBe("won");
      expect(await activitiesOfType(token, deal.id, "won")).toHaveLength(1);
      const partial = (await activitiesOfType(token, deal.id, "payment_paid")).filter(
        (a) => a.data.dealPaidTotal !== undefined,
      );
      expect(partial.map((a) => a.data.dealPaidTotal)).toEqual(["500.00"]);
      await dealEvents.expectEvent(deal.id, ["activity", "status"]);
      dealEvents.stop();
    });
  },
);
