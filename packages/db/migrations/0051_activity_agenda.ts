import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * The activities agenda (GET /activities) lists users' activities across an organization's deals by
 * (due_at, id): without an index of its own it reads every activity of the organization, system ones (most of
 * them) included, and sorts. The board marks a card whose earliest pending task is past due: a lookup per card
 * by deal among the pending activities with a due date, a handful of rows. Both partial, so they hold only the
 * rows they serve. Plain CREATE INDEX, as every migration before (see 0029 to build one concurrently first).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create index if not exists idx_deal_activities_agenda
        on deal_activities (organization_id, due_at, id) where type in ('note', 'call', 'meeting', 'task')`,
    )
    .execute(db);
  await sql
    .raw(
      `create index if not exists idx_deal_activities_pending
        on deal_activities (organization_id, deal_id, due_at) where done_at is null and due_at is not null`,
    )
    .execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("drop index if exists idx_deal_activities_pending").execute(db);
  await sql.raw("drop index if exists idx_deal_activities_agenda").execute(db);
}
