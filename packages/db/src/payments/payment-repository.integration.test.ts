import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { organizationWithPipeline } from "../deals/pipeline-fixtures";
import { createTestDatabase } from "../testing/test-database";
import { createPaymentRepository } from "./payment-repository";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute));

async function organization(slug: string) {
  const row = await handle.db
    .insertInto("organizations")
    .values({ name: slug, slug })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function payment(
  organizationId: string,
  status: "pending" | "paid" | "expired",
  expiresAt: Date | null,
  providerPaymentId: string | null = null,
) {
  const row = await handle.db
    .insertInto("payments")
    .values({
      organization_id: organizationId,
      provider: "mercadopago",
      amount: "10.00",
      status,
      expires_at: expiresAt,
      provider_payment_id: providerPaymentId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("payments whose link expired", () => {
  it("are the pending ones of every organization expired before the cutoff, oldest expiry first", async () => {
    const first = await organization("expiry-a");
    const second = await organization("expiry-b");
    const newer = await payment(first, "pending", at(20));
    const older = await payment(second, "pending", at(10));
    await payment(first, "pending", at(30)); // exactly at the cutoff: not yet
    await payment(first, "pending", at(40));
    await payment(first, "pending", null);
    // a boleto or Pix awaiting payment at the provider: the provider tells how that attempt ends
    await payment(first, "pending", at(1), "mp-payment-1");
    await payment(first, "paid", at(5));
    await payment(second, "expired", at(5));
    const payments = createPaymentRepository(handle.db);

    const found = await payments.findExpiredPending(at(30), 10);
    expect(found.map((p) => p.id)).toEqual([older, newer]);
    expect(found[0]).toMatchObject({ organizationId: second, status: "pending", expiresAt: at(10) });
    expect((await payments.findExpiredPending(at(30), 1)).map((p) => p.id)).toEqual([older]);
  });

  it("are read through idx_payments_pending_expiry", async () => {
    const plan = await handle.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<Record<string, string>>`
        explain select id from payments
        where status = 'pending' and provider_payment_id is null and expires_at < ${at(30)}
        order by expires_at limit 500`.execute(trx);
      return rows.map((row) => Object.values(row).join(" ")).join("\n");
    });
    expect(plan).toContain("idx_payments_pending_expiry");
  });
});

describe("a deal's paid totals", () => {
  async function dealOf(organizationId: string, pipeline: { id: string; stages: Array<{ id: string }> }) {
    const row = await handle.db
      .insertInto("deals")
      .values({
        organization_id: organizationId,
        pipeline_id: pipeline.id,
        stage: pipeline.stages[0]?.id ?? "",
        title: "Sinal",
        value: "100.00",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it("add up the paid payments per currency, refunds off, nothing pending, failed, refunded or of another deal", async () => {
    const { organizationId, pipeline } = await organizationWithPipeline(handle.db, "Totals", [{ name: "A" }]);
    const dealId = await dealOf(organizationId, pipeline);
    const otherDeal = await dealOf(organizationId, pipeline);
    const add = (
      deal: string,
      status: "pending" | "paid" | "failed" | "refunded",
      amount: string,
      refunded = "0",
      currency = "BRL",
    ) =>
      handle.db
        .insertInto("payments")
        .values({
          organization_id: organizationId,
          deal_id: deal,
          provider: "stripe",
          amount,
          refunded_amount: refunded,
          currency,
          status,
        })
        .execute();
    await add(dealId, "paid", "0.10");
    await add(dealId, "paid", "0.20");
    await add(dealId, "paid", "60.00", "20.00");
    await add(dealId, "refunded", "30.00", "30.00");
    await add(dealId, "pending", "1000.00");
    await add(dealId, "failed", "1000.00");
    await add(dealId, "paid", "500.00", "0", "JPY");
    await add(dealId, "paid", "9.99", "0", "USD");
    await add(otherDeal, "paid", "1000.00");
    const payments = createPaymentRepository(handle.db);

    expect(await payments.paidTotals(organizationId, dealId)).toEqual([
      { amount: "40.30", currency: "BRL" },
      { amount: "500", currency: "JPY" },
      { amount: "9.99", currency: "USD" },
    ]);
    const stranger = await organization("totals-stranger");
    expect(await payments.paidTotals(stranger, dealId)).toEqual([]);
    expect(await payments.paidTotals(organizationId, "not-a-uuid")).toEqual([]);
  });
});

describe("refund reservations", () => {
  it("add up per payment and organization until released, each released once", async () => {
    const organizationId = await organization("refund-reservations");
    const other = await organization("refund-reservations-other");
    const paymentId = await payment(organizationId, "paid", null, "mp-paid-1");
    const amount = { amount: "10.00", currency: "BRL" as const };
    const payments = createPaymentRepository(handle.db);
    expect(await payments.reservedRefunds(organizationId, { id: paymentId, amount })).toEqual({
      amount: "0.00",
      currency: "BRL",
    });
    const first = "00000000-0000-4000-8000-00000000a001";
    await payments.reserveRefund(
      organizationId,
      { id: first, paymentId, amount: { ...amount, amount: "3.00" } },
      at(1),
    );
    await payments.reserveRefund(
      organizationId,
      { id: "00000000-0000-4000-8000-00000000a002", paymentId, amount: { ...amount, amount: "4.50" } },
      at(2),
    );
    expect(await payments.reservedRefunds(organizationId, { id: paymentId, amount })).toEqual({
      amount: "7.50",
      currency: "BRL",
    });
    expect(await payments.reservedRefunds(other, { id: paymentId, amount })).toMatchObject({
      amount: "0.00",
    });
    expect(await payments.releaseRefund(other, first)).toBe(false);
    expect(await payments.releaseRefund(organizationId, first)).toBe(true);
    expect(await payments.releaseRefund(organizationId, first)).toBe(false);
    expect(await payments.reservedRefunds(organizationId, { id: paymentId, amount })).toMatchObject({
      amount: "4.50",
    });
  });

  it("held: only those marked unconfirmed or left before the given time, with their request keys", async () => {
    const organizationId = await organization("refund-held");
    const other = await organization("refund-held-other");
    const paymentId = await payment(organizationId, "paid", null, "mp-held-1");
    const amount = { amount: "10.00", currency: "BRL" as const };
    const payments = createPaymentRepository(handle.db);
    const [inFlight, unconfirmed, leftBehind] = ["b001", "b002", "b003"].map(
      (suffix) => `00000000-0000-4000-8000-00000000${suffix}`,
    ) as [string, string, string];
    await payments.reserveRefund(
      organizationId,
      { id: leftBehind, paymentId, amount, requestKey: null },
      at(1),
    );
    await payments.reserveRefund(
      organizationId,
      { id: unconfirmed, paymentId, amount: { ...amount, amount: "2.00" }, requestKey: "user:u1:k1" },
      at(5),
    );
    await payments.reserveRefund(organizationId, { id: inFlight, paymentId, amount }, at(6));
    expect(await payments.heldRefunds(organizationId, { id: paymentId, amount }, at(3))).toEqual([
      { id: leftBehind, paymentId, amount, requestKey: null },
    ]);

    expect(await payments.markRefundUnconfirmed(other, unconfirmed, at(7))).toBe(false);
    expect(await payments.markRefundUnconfirmed(organizationId, unconfirmed, at(7))).toBe(true);
    expect(await payments.heldRefunds(organizationId, { id: paymentId, amount }, at(3))).toEqual([
      { id: leftBehind, paymentId, amount, requestKey: null },
      { id: unconfirmed, paymentId, amount: { ...amount, amount: "2.00" }, requestKey: "user:u1:k1" },
    ]);
    expect(await payments.heldRefunds(other, { id: paymentId, amount }, at(3))).toEqual([]);
    // one reservation per request key and payment
    await expect(
      payments.reserveRefund(
        organizationId,
        { id: "00000000-0000-4000-8000-00000000b004", paymentId, amount, requestKey: "user:u1:k1" },
        at(8),
      ),
    ).rejects.toThrow();
  });
});
