import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A declined card at a pending link gets a `payment_declined` deal activity. A refund reserves its amount in
 * `payment_refund_reservations` (a short transaction under the payment's row lock) before it calls the provider,
 * instead of holding that lock, and its connection, across the call: a row lives while its refund is in flight,
 * and what is reserved counts as refunded for any refund asked for meanwhile.
 */

const previousActivityTypes = [
  "note",
  "call",
  "meeting",
  "task",
  "created",
  "stage_changed",
  "won",
  "lost",
  "reopened",
  "payment_paid",
  "payment_refunded",
  "contact_changed",
  "payment_expired",
];
const quoted = (types: string[]) => types.map((type) => `'${type}'`).join(", ");

const withTypes = (types: string[]) => [
  "alter table deal_activities drop constraint deal_activities_type_check",
  `alter table deal_activities add constraint deal_activities_type_check check (type in (${quoted(types)}))`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    ...withTypes([...previousActivityTypes, "payment_declined"]),
    `create table payment_refund_reservations (
      id uuid primary key,
      organization_id uuid not null references organizations (id) on delete cascade,
      payment_id uuid not null references payments (id) on delete cascade,
      amount numeric(15, 2) not null check (amount > 0),
      created_at timestamptz(3) not null default now()
    )`,
    "create index idx_payment_refund_reservations_payment on payment_refund_reservations (payment_id)",
  ]) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop table payment_refund_reservations",
    "delete from deal_activities where type = 'payment_declined'",
    ...withTypes(previousActivityTypes),
  ]) {
    await sql.raw(statement).execute(db);
  }
}
