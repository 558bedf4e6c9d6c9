import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A deal's timeline says when its title, value, expected close date or owner was edited (`fields_changed`, one per
 * edit, with each field's old and new value). Edits made before this have no such activity.
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
  "payment_declined",
  "payment_link_created",
  "payment_link_sent",
];
const quoted = (types: string[]) => types.map((type) => `'${type}'`).join(", ");

const withTypes = (types: string[]) => [
  "alter table deal_activities drop constraint deal_activities_type_check",
  `alter table deal_activities add constraint deal_activities_type_check check (type in (${quoted(types)}))`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of withTypes([...previousActivityTypes, "fields_changed"])) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "delete from deal_activities where type = 'fields_changed'",
    ...withTypes(previousActivityTypes),
  ]) {
    await sql.raw(statement).execute(db);
  }
}
