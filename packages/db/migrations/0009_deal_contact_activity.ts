import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Deal activities gain `contact_changed`: the system activity a deal gets when its contact changes, e.g.
 * when the contact is merged into another one.
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
];
const quoted = (types: string[]) => types.map((type) => `'${type}'`).join(", ");

const withTypes = (types: string[]) => [
  "alter table deal_activities drop constraint deal_activities_type_check",
  `alter table deal_activities add constraint deal_activities_type_check check (type in (${quoted(types)}))`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of withTypes([...previousActivityTypes, "contact_changed"])) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "delete from deal_activities where type = 'contact_changed'",
    ...withTypes(previousActivityTypes),
  ]) {
    await sql.raw(statement).execute(db);
  }
}
