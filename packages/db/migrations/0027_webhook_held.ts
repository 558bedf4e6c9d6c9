import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A verified webhook for a switched-off integration is kept as `held` instead of being dropped, and queued
 * when the integration is switched on again. The index finds an integration's held rows in arrival order.
 */

const statements = [
  "alter table webhook_logs drop constraint webhook_logs_status_check",
  `alter table webhook_logs add constraint webhook_logs_status_check
    check (status in ('pending', 'success', 'failed', 'retrying', 'held'))`,
  "create index idx_webhook_logs_held on webhook_logs (integration_id, id) where status = 'held'",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index idx_webhook_logs_held").execute(db);
  await sql.raw("update webhook_logs set status = 'pending' where status = 'held'").execute(db);
  await sql.raw("alter table webhook_logs drop constraint webhook_logs_status_check").execute(db);
  await sql
    .raw(
      `alter table webhook_logs add constraint webhook_logs_status_check
        check (status in ('pending', 'success', 'failed', 'retrying'))`,
    )
    .execute(db);
}
