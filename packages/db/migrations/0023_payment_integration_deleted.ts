import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Deleting a payment integration first expires its pending links at the provider (a customer could otherwise
 * pay a link whose notifications no longer reach anyone): each gets a `payment_expired` deal activity, and the
 * integration's pending payments are found by an index.
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
];
const quoted = (types: string[]) => types.map((type) => `'${type}'`).join(", ");

const withTypes = (types: string[]) => [
  "alter table deal_activities drop constraint deal_activities_type_check",
  `alter table deal_activities add constraint deal_activities_type_check check (type in (${quoted(types)}))`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    ...withTypes([...previousActivityTypes, "payment_expired"]),
    "create index idx_payments_integration_pending on payments (integration_id) where status = 'pending'",
  ]) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop index idx_payments_integration_pending",
    "delete from deal_activities where type = 'payment_expired'",
    ...withTypes(previousActivityTypes),
  ]) {
    await sql.raw(statement).execute(db);
  }
}
