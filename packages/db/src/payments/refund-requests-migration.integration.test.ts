import { randomUUID } from "node:crypto";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { migrations } from "../migrations";
import { migrateToLatest } from "../migrator";
import { createTestDatabase } from "../testing/test-database";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(() => database.close());

const migration = "0049_payment_refund_requests";
const names = Object.keys(migrations).sort();
const previous = names[names.indexOf(migration) - 1] ?? "";

async function paidPayment() {
  const organizationId = (
    await database.db
      .insertInto("organizations")
      .values({ name: "Loja Ipê", slug: `refunds-${randomUUID().slice(0, 8)}` })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const paymentId = (
    await database.db
      .insertInto("payments")
      .values({
        organization_id: organizationId,
        provider: "stripe",
        amount: "100.00",
        refunded_amount: "30.00",
        status: "paid",
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  return { organizationId, paymentId };
}

const events = (paymentId: string) =>
  database.db
    .selectFrom("payment_events")
    .select(["event_id", "type"])
    .where("payment_id", "=", paymentId)
    .orderBy("event_id")
    .execute();

describe(`migration ${migration}`, () => {
  it("moves refund request markers out of payment_events into their own table, and back down", async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(previous)).error).toBeUndefined();
    try {
      const { organizationId, paymentId } = await paidPayment();
      const recordedAt = new Date("2026-11-20T10:00:00.123Z");
      const event = (event_id: string, type: string, created_at: Date) => ({
        organization_id: organizationId,
        payment_id: paymentId,
        provider: "stripe" as const,
        event_id,
        type,
        created_at,
      });
      await database.db
        .insertInto("payment_events")
        .values([
          // a refund asked with a key: its marker and its refund, written in one transaction (the same now())
          event(`refund-request:${paymentId}:user:u1:key-1`, "refund_request", recordedAt),
          event("refund:re_1", "refund", recordedAt),
          // a refund asked without a key, and the provider's own events: not requests
          event("refund:re_2", "refund", new Date("2026-11-20T11:00:00Z")),
          event("evt_paid", "checkout.session.completed", new Date("2026-11-20T09:00:00Z")),
        ])
        .execute();

      expect((await migrator.migrateTo(migration)).error).toBeUndefined();

      expect(
        await database.db
          .selectFrom("payment_refund_requests")
          .selectAll()
          .where("payment_id", "=", paymentId)
          .execute(),
      ).toEqual([
        {
          organization_id: organizationId,
          payment_id: paymentId,
          request_key: "user:u1:key-1",
          amount: null,
          outcome: "refunded",
          provider_refund_id: "re_1",
          created_at: recordedAt,
        },
      ]);
      expect(await events(paymentId)).toEqual([
        { event_id: "evt_paid", type: "checkout.session.completed" },
        { event_id: "refund:re_1", type: "refund" },
        { event_id: "refund:re_2", type: "refund" },
      ]);

      expect((await migrator.migrateTo(previous)).error).toBeUndefined();
      expect(await events(paymentId)).toContainEqual({
        event_id: `refund-request:${paymentId}:user:u1:key-1`,
        type: "refund_request",
      });
    } finally {
      await migrateToLatest(database.db);
    }
  });
});
