import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A refund reservation whose provider gave no clear answer (PROVIDER_UNCONFIRMED) is marked `unconfirmed_at`: while
 * one is held, no other refund of its payment is asked for. `request_key` is the Idempotency-Key its request came
 * with, scoped to the caller ("user:<id>:<key>", "apiKey:<id>:<key>"): a retry with that key resumes the held
 * refund instead of making a new one.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "alter table payment_refund_reservations add column unconfirmed_at timestamptz(3)",
    "alter table payment_refund_reservations add column request_key text",
    `create unique index uq_payment_refund_reservations_request_key
      on payment_refund_reservations (payment_id, request_key) where request_key is not null`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop index uq_payment_refund_reservations_request_key",
    "alter table payment_refund_reservations drop column request_key",
    "alter table payment_refund_reservations drop column unconfirmed_at",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
