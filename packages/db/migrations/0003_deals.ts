import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Deals: per-pipeline winOnPayment, the columns for status history and rotting, the kanban's index and
 * the activity timeline. Stage ids live in pipelines.stages (JSONB) and in deals.stage.
 */

const userActivityTypes = ["note", "call", "meeting", "task"];
const systemActivityTypes = ["created", "stage_changed", "won", "lost", "reopened"];
const activityTypes = [...userActivityTypes, ...systemActivityTypes].map((type) => `'${type}'`).join(", ");

const statements = [
  "alter table pipelines add column win_on_payment boolean not null default true",

  "update deals set value = 0 where value is null",
  `alter table deals
    alter column value set not null,
    alter column pipeline_id set not null,
    add column lost_reason text,
    add column stage_entered_at timestamptz(3) not null default now(),
    add column won_at timestamptz(3),
    add column lost_at timestamptz(3),
    add constraint deals_lost_reason_check check ((status = 'lost') = (lost_reason is not null))`,
  // The kanban: one column's page is an index range; count and totals per (stage, currency) read only the index.
  `create index idx_deals_board
    on deals (organization_id, pipeline_id, stage, status, stage_entered_at desc, id desc)
    include (currency, value)`,
  "create index idx_deals_org_created on deals (organization_id, created_at desc, id desc)",
  "create index idx_deals_org_assigned on deals (organization_id, assigned_to, created_at desc)",

  `create table deal_activities (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references organizations (id) on delete cascade,
    deal_id uuid not null references deals (id) on delete cascade,
    type text not null constraint deal_activities_type_check check (type in (${activityTypes})),
    content text,
    data jsonb not null default '{}'::jsonb check (jsonb_typeof(data) = 'object'),
    due_at timestamptz(3),
    done_at timestamptz(3),
    actor_id uuid references users (id) on delete set null,
    created_at timestamptz(3) not null default now()
  )`,
  "create index idx_deal_activities_deal on deal_activities (organization_id, deal_id, created_at desc, id desc)",
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop table deal_activities",
    "drop index idx_deals_org_assigned",
    "drop index idx_deals_org_created",
    "drop index idx_deals_board",
    `alter table deals
      drop constraint deals_lost_reason_check,
      drop column lost_at,
      drop column won_at,
      drop column stage_entered_at,
      drop column lost_reason,
      alter column pipeline_id drop not null,
      alter column value drop not null`,
    "alter table pipelines drop column win_on_payment",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
