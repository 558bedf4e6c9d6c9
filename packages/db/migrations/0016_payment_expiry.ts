import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * The expiry sweep reads the pending payments whose link expired, of every organization, oldest expiry first,
 * a batch at a time: no earlier index has `expires_at` (idx_payments_pending is per organization, by creation).
 * A payment with an attempt at the provider (a boleto or Pix awaiting payment) is the provider's to settle.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      "create index idx_payments_pending_expiry on payments (expires_at) where status = 'pending' and provider_payment_id is null",
    )
    .execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("drop index idx_payments_pending_expiry").execute(db);
}
