import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Money that arrives on a deal someone had marked lost must not go unnoticed: the deal's assignee, or else who
 * created the payment link, gets a `lost_deal_paid` notification. A payment remembers its creator for that
 * (null for API keys and links made before).
 */

const statements = [
  "alter table payments add column created_by uuid references users (id) on delete set null",
  "alter table notifications drop constraint notifications_type_check",
  `alter table notifications
    add constraint notifications_type_check check (type in ('assignment', 'mention', 'lost_deal_paid'))`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "delete from notifications where type = 'lost_deal_paid'",
    "alter table notifications drop constraint notifications_type_check",
    "alter table notifications add constraint notifications_type_check check (type in ('assignment', 'mention'))",
    "alter table payments drop column created_by",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
