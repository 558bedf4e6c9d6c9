import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * The kanban's per-stage counts and value totals, kept up to date by statement-level triggers on deals: the
 * unfiltered board reads a handful of rows instead of aggregating every deal of the pipeline (tens of
 * milliseconds at 50,000 deals). One row per (pipeline, stage, status, currency); a statement adds its rows'
 * net change per group in one upsert, in key order so that concurrent writers lock groups in the same order.
 * Rows that drop to zero deals are removed. Filtered boards still aggregate the deals themselves.
 */

const keys = "organization_id, pipeline_id, stage, status, currency";

const upsertDelta = (source: string) => `
  insert into deal_stage_totals as t (${keys}, deal_count, value_total)
  select ${keys}, sum(n), sum(v) from (${source}) d
  group by ${keys}
  having sum(n) <> 0 or sum(v) <> 0
  order by ${keys}
  on conflict (${keys}) do update
    set deal_count = t.deal_count + excluded.deal_count, value_total = t.value_total + excluded.value_total`;

const removeEmpty = `
  delete from deal_stage_totals t
  using (select distinct organization_id, pipeline_id from old_rows) o
  where t.organization_id = o.organization_id and t.pipeline_id = o.pipeline_id and t.deal_count = 0`;

const statements = [
  // no deal may be written between the backfill and the triggers
  "lock table deals in share row exclusive mode",
  `create table deal_stage_totals (
    organization_id uuid not null references organizations (id) on delete cascade,
    pipeline_id uuid not null,
    stage text not null,
    status text not null,
    currency text not null,
    deal_count bigint not null,
    value_total numeric not null,
    primary key (organization_id, pipeline_id, stage, status, currency)
  )`,
  `insert into deal_stage_totals (${keys}, deal_count, value_total)
    select ${keys}, count(*), sum(value) from deals group by ${keys}`,

  `create function deal_stage_totals_inserted() returns trigger language plpgsql as $$
  begin
    ${upsertDelta(`select ${keys}, 1 as n, value as v from new_rows`)};
    return null;
  end $$`,
  // organization deletion cascades to both tables: decrementing only updates, so nothing is inserted for it
  `create function deal_stage_totals_deleted() returns trigger language plpgsql as $$
  begin
    update deal_stage_totals t set deal_count = t.deal_count - g.n, value_total = t.value_total - g.v
    from (select ${keys}, count(*) as n, sum(value) as v from old_rows group by ${keys} order by ${keys}) g
    where (t.organization_id, t.pipeline_id, t.stage, t.status, t.currency)
      = (g.organization_id, g.pipeline_id, g.stage, g.status, g.currency);
    ${removeEmpty};
    return null;
  end $$`,
  `create function deal_stage_totals_updated() returns trigger language plpgsql as $$
  begin
    ${upsertDelta(
      `select ${keys}, 1 as n, value as v from new_rows
       union all select ${keys}, -1, -value from old_rows`,
    )};
    ${removeEmpty};
    return null;
  end $$`,
  `create trigger deal_stage_totals_insert after insert on deals
    referencing new table as new_rows for each statement execute function deal_stage_totals_inserted()`,
  `create trigger deal_stage_totals_delete after delete on deals
    referencing old table as old_rows for each statement execute function deal_stage_totals_deleted()`,
  `create trigger deal_stage_totals_update after update on deals
    referencing old table as old_rows new table as new_rows
    for each statement execute function deal_stage_totals_updated()`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop trigger deal_stage_totals_update on deals",
    "drop trigger deal_stage_totals_delete on deals",
    "drop trigger deal_stage_totals_insert on deals",
    "drop function deal_stage_totals_updated()",
    "drop function deal_stage_totals_deleted()",
    "drop function deal_stage_totals_inserted()",
    "drop table deal_stage_totals",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
