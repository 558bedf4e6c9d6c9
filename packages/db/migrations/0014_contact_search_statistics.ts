import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A contact search (`name/email ilike '%fragment%'`, newest first) has two plans: walk the organization's
 * contacts newest first until a page matches (right for a common fragment: "silva", 11 % of the contacts,
 * 1 ms), or read every match through the trigram indexes and sort them (right for a rare one:
 * "beatriz.rocha", 25 of 100,000, 4 ms instead of 83). Postgres picks by applying the pattern to the column's
 * histogram, which holds 100 values by default: one sampled value that happens to match makes a rare fragment
 * look like 1 % of the table and the walk is chosen (seen on the bench's database after one ANALYZE; 750 ms
 * at 16 requests at a time). With 300 values a rare fragment needs two matching samples to be misjudged, for
 * 0.3 ms more planning per search (0.6 instead of 0.3, measured on the same database).
 */

const searchedColumns = ["name", "email", "phone"];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const columns = searchedColumns.map((column) => `alter column ${column} set statistics 300`).join(", ");
  await sql.raw(`alter table contacts ${columns}`).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const columns = searchedColumns.map((column) => `alter column ${column} set statistics -1`).join(", ");
  await sql.raw(`alter table contacts ${columns}`).execute(db);
}
