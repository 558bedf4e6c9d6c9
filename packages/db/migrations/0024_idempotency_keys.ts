import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Idempotent retries: a POST, PATCH or DELETE sent with an `Idempotency-Key` header claims the key in its
 * caller's scope (an API key, or a user), runs once, and its answer is replayed to a retry for 24 hours. The
 * unique key settles two concurrent first requests. The answer's body is sealed (AES-256-GCM, like integration
 * credentials): it may carry a secret shown once, such as a new API key.
 */

const statements = [
  `create table idempotency_keys (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references organizations (id) on delete cascade,
    caller text not null,
    key text not null check (length(key) between 1 and 255),
    request_method text not null,
    request_path text not null,
    request_hash text not null,
    state text not null default 'in_progress' check (state in ('in_progress', 'done')),
    response_status smallint,
    response_content_type text,
    response_body jsonb,
    created_at timestamptz(3) not null default now(),
    constraint idempotency_keys_scope_key unique (organization_id, caller, key),
    constraint idempotency_keys_answer check (
      state = 'in_progress' or (response_status is not null and response_body is not null)
    )
  )`,
  // the retention job deletes keys older than a day
  "create index idx_idempotency_keys_created on idempotency_keys (created_at)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table idempotency_keys").execute(db);
}
