import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Outgoing webhooks: an organization's subscriptions (URL, events, sealed signing secret), one delivery row per
 * (subscription, event) — the unique constraint is what keeps an event from reaching a subscription twice —
 * and, per organization, the last realtime log entry turned into deliveries (catch-up after a restart).
 */

const statements = [
  `create table outgoing_webhook_subscriptions (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references organizations(id) on delete cascade,
    url text not null check (char_length(url) <= 2048),
    description text check (char_length(description) <= 500),
    events text[] not null,
    secret jsonb not null,
    secret_hint text not null,
    is_active boolean not null default true,
    disabled_reason text,
    consecutive_failures integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  "create index idx_outgoing_webhook_subscriptions_org on outgoing_webhook_subscriptions (organization_id, created_at desc, id desc)",
  `create table outgoing_webhook_deliveries (
    id uuid primary key default time_ordered_uuid(),
    organization_id uuid not null references organizations(id) on delete cascade,
    subscription_id uuid not null references outgoing_webhook_subscriptions(id) on delete cascade,
    event_id text not null,
    event_type text not null,
    payload jsonb not null,
    status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    last_status_code integer,
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint outgoing_webhook_deliveries_event_unique unique (subscription_id, event_id)
  )`,
  "create index idx_outgoing_webhook_deliveries_list on outgoing_webhook_deliveries (subscription_id, created_at desc, id desc)",
  `create index idx_outgoing_webhook_deliveries_due on outgoing_webhook_deliveries (next_attempt_at)
    where status = 'pending'`,
  "create index idx_outgoing_webhook_deliveries_created on outgoing_webhook_deliveries (created_at)",
  `create table outgoing_webhook_cursors (
    organization_id uuid primary key references organizations(id) on delete cascade,
    last_entry_id text not null,
    updated_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table outgoing_webhook_cursors").execute(db);
  await sql.raw("drop table outgoing_webhook_deliveries").execute(db);
  await sql.raw("drop table outgoing_webhook_subscriptions").execute(db);
}
