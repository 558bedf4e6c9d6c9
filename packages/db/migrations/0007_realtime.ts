import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Realtime: each user's read position per conversation (per-user unread counts) and persisted notifications.
 * A notification names the event that caused it (source_key), so every API replica may try to create it
 * and exactly one succeeds.
 */

const tenant = "organization_id uuid not null references organizations (id) on delete cascade";

const statements = [
  `create table conversation_reads (
    ${tenant},
    conversation_id uuid not null references conversations (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    last_read_at timestamptz(3) not null,
    primary key (organization_id, conversation_id, user_id)
  )`,
  "create index idx_conversation_reads_user on conversation_reads (organization_id, user_id)",

  `create table notifications (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    user_id uuid not null references users (id) on delete cascade,
    type text not null check (type in ('assignment', 'mention')),
    data jsonb not null default '{}'::jsonb check (jsonb_typeof(data) = 'object'),
    source_key text not null,
    read_at timestamptz(3),
    created_at timestamptz(3) not null default now(),
    constraint notifications_source_unique unique (organization_id, user_id, source_key)
  )`,
  "create index idx_notifications_user on notifications (organization_id, user_id, created_at desc, id desc)",
  `create index idx_notifications_unread on notifications (organization_id, user_id, created_at desc, id desc)
    where read_at is null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table notifications").execute(db);
  await sql.raw("drop table conversation_reads").execute(db);
}
