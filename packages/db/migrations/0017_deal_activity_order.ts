import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Activities written in one transaction share their timestamp (a payment's `payment_paid` and `won`, a deal's
 * `created` and its first stage change), and the random uuid said nothing of which came first. `seq` numbers
 * rows in the order they are written; a deal's timeline is ordered by (created_at, seq). Existing rows are
 * numbered in no particular order, as they were shown.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "alter table deal_activities add column seq bigint generated always as identity",
    "drop index idx_deal_activities_deal",
    "create index idx_deal_activities_deal on deal_activities (organization_id, deal_id, created_at desc, seq desc)",
  ]) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop index idx_deal_activities_deal",
    "alter table deal_activities drop column seq",
    "create index idx_deal_activities_deal on deal_activities (organization_id, deal_id, created_at desc, id desc)",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
