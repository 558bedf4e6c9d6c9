import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * The daily retention job deletes previews never confirmed, finished before a cutoff, oldest first, a batch at a
 * time. Without an index of its own each batch reads every import of every organization (real imports and
 * confirmed previews, which are kept, included) to find the few past the cutoff. Partial on exactly the rows the
 * sweep may delete, so it stays small: a preview leaves it once confirmed or deleted.
 * Deleting an import also makes Postgres look for the previews confirmed into it (confirmed_import_id, on delete
 * set null): with no index on that column, one full read of contact_imports per deleted row, which cost the sweep
 * far more than finding its rows. Partial too: most imports were never a confirmed preview.
 * Plain CREATE INDEX, as every migration before (see 0029 to build one concurrently first).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create index if not exists idx_contact_imports_unconfirmed_previews
        on contact_imports (finished_at)
        where dry_run and confirmed_import_id is null and status in ('completed', 'failed')`,
    )
    .execute(db);
  await sql
    .raw(
      `create index if not exists idx_contact_imports_confirmed_import
        on contact_imports (confirmed_import_id) where confirmed_import_id is not null`,
    )
    .execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("drop index if exists idx_contact_imports_confirmed_import").execute(db);
  await sql.raw("drop index if exists idx_contact_imports_unconfirmed_previews").execute(db);
}
