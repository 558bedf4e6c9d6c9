import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * An import row that matched a contact already holding its values gets an outcome of its own, `unchanged`,
 * instead of `skipped`, so that the rows of each outcome are those the import's summary counts. Such rows
 * written before were stored as `skipped` with the reason code `unchanged`: they are told apart by that code
 * and move to the new outcome. Rows written before that code existed (an update that changed nothing was
 * reported `updated` then) cannot be told apart and stay as they are.
 */

const previousOutcomes = ["created", "updated", "skipped", "error"];
const quoted = (outcomes: string[]) => outcomes.map((outcome) => `'${outcome}'`).join(", ");

const withOutcomes = (outcomes: string[]) => [
  "alter table contact_import_rows drop constraint contact_import_rows_outcome_check",
  `alter table contact_import_rows add constraint contact_import_rows_outcome_check check (outcome in (${quoted(outcomes)}))`,
];

const unchangedReason = `reasons @> '[{"code": "unchanged"}]'::jsonb`;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    ...withOutcomes([...previousOutcomes, "unchanged"]),
    `update contact_import_rows set outcome = 'unchanged' where outcome = 'skipped' and ${unchangedReason}`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    // they keep their reason code, so the next `up` tells them apart again
    "update contact_import_rows set outcome = 'skipped' where outcome = 'unchanged'",
    ...withOutcomes(previousOutcomes),
  ]) {
    await sql.raw(statement).execute(db);
  }
}
