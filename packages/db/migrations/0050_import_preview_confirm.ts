import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A finished preview keeps its file until it is confirmed: confirming starts the import from that file and
 * records which import it became. A preview's batches keep what they would have written (the contacts as they
 * would stand, the rows that wrote them), so that a run of the preview that dies resumes after its last batch.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table contact_imports
      add column confirmed_import_id uuid references contact_imports (id) on delete set null
  `.execute(db);
  await sql`
    create table contact_import_preview_batches (
      import_id uuid not null references contact_imports (id) on delete cascade,
      organization_id uuid not null references organizations (id) on delete cascade,
      last_row integer not null,
      memory jsonb not null,
      primary key (import_id, last_row)
    )
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table contact_import_preview_batches`.execute(db);
  await sql`alter table contact_imports drop column confirmed_import_id`.execute(db);
}
