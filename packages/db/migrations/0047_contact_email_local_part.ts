import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Possible duplicates of a contact: one signal is the same email local part at another domain
 * (joao.silva@gmail.com, joao.silva@empresa.com.br). The unique (organization_id, email) index cannot
 * serve an equality on the part before the "@", so it gets an expression index of its own. Plain CREATE
 * INDEX, as every migration before (see 0029 to build it concurrently first on a large database).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create index if not exists idx_contacts_org_email_local
        on contacts (organization_id, split_part(email, '@', 1)) where email is not null`,
    )
    .execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("drop index if exists idx_contacts_org_email_local").execute(db);
}
