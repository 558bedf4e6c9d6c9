import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Timestamps are timestamptz(3): JavaScript dates carry milliseconds, so a value read back and used as a
 * keyset cursor compares equal to the stored one (with microseconds the last row of a page would repeat).
 */

const roleCheck = "check (role in ('owner', 'admin', 'agent', 'viewer'))";
const currencyCheck = (column: string) => `check (${column} ~ '^[A-Z]{3}$')`;
const messagingChannels = "'whatsapp', 'telegram', 'discord', 'slack'";
const allChannels = `${messagingChannels}, 'trello', 'stripe', 'mercadopago'`;
const tenant = "organization_id uuid not null references organizations (id) on delete cascade";

const statements = [
  `create table organizations (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    slug text not null unique,
    data_retention_days integer not null default 730 check (data_retention_days > 0),
    default_currency text not null default 'BRL' ${currencyCheck("default_currency")},
    timezone text not null default 'America/Sao_Paulo',
    locale text not null default 'pt-BR',
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now()
  )`,

  // Auth
  `create table users (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    email text not null unique check (email = lower(email)),
    name text not null,
    password_hash text,
    role text not null ${roleCheck},
    last_login_at timestamptz(3),
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now()
  )`,
  "create index idx_users_org on users (organization_id)",

  `create table sessions (
    id text primary key,
    user_id uuid not null references users (id) on delete cascade,
    ${tenant},
    expires_at timestamptz(3) not null,
    created_at timestamptz(3) not null default now(),
    last_used_at timestamptz(3) not null default now(),
    user_agent text,
    ip text
  )`,
  "create index idx_sessions_user on sessions (user_id)",
  "create index idx_sessions_expires on sessions (expires_at)",

  `create table api_keys (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    name text not null,
    key_hash text not null unique,
    prefix text not null,
    role text not null ${roleCheck},
    created_by uuid references users (id) on delete set null,
    last_used_at timestamptz(3),
    revoked_at timestamptz(3),
    created_at timestamptz(3) not null default now()
  )`,
  "create index idx_api_keys_org on api_keys (organization_id)",

  `create table invitations (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    email text not null,
    role text not null ${roleCheck},
    token_hash text not null unique,
    invited_by uuid references users (id) on delete set null,
    expires_at timestamptz(3) not null,
    accepted_at timestamptz(3),
    revoked_at timestamptz(3),
    created_at timestamptz(3) not null default now()
  )`,
  `create unique index idx_invitations_pending_email on invitations (organization_id, email)
    where accepted_at is null and revoked_at is null`,

  `create table password_reset_tokens (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    token_hash text not null unique,
    expires_at timestamptz(3) not null,
    used_at timestamptz(3),
    created_at timestamptz(3) not null default now()
  )`,
  "create index idx_password_reset_tokens_user on password_reset_tokens (user_id)",

  // Contacts
  `create table contacts (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    name text not null,
    email text,
    phone text,
    metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now()
  )`,
  "create index idx_contacts_org on contacts (organization_id)",
  "create index idx_contacts_phone on contacts (phone) where phone is not null",
  "create index idx_contacts_email on contacts (email) where email is not null",

  // Conversations
  `create table conversations (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    contact_id uuid references contacts (id) on delete cascade,
    channel text not null check (channel in (${messagingChannels})),
    channel_thread_id text,
    status text not null default 'open' check (status in ('open', 'pending', 'snoozed', 'closed')),
    assigned_to uuid references users (id) on delete set null,
    last_message_at timestamptz(3),
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now(),
    constraint conversations_channel_thread_unique unique (organization_id, channel, channel_thread_id)
  )`,
  "create index idx_conversations_org on conversations (organization_id)",
  "create index idx_conversations_contact on conversations (contact_id)",
  "create index idx_conversations_status on conversations (status)",
  "create index idx_conversations_assigned on conversations (assigned_to)",
  `create index idx_conversations_org_status_updated
    on conversations (organization_id, status, last_message_at desc)`,
  "create index idx_conversations_open on conversations (organization_id, assigned_to) where status = 'open'",

  `create table messages (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    conversation_id uuid not null references conversations (id) on delete cascade,
    channel text not null check (channel in (${messagingChannels})),
    sender_type text not null check (sender_type in ('contact', 'agent', 'bot')),
    sender_id uuid references users (id) on delete set null,
    content text not null,
    content_type text not null default 'text'
      check (content_type in ('text', 'image', 'video', 'audio', 'file')),
    media_url text,
    direction text not null check (direction in ('inbound', 'outbound')),
    channel_message_id text,
    metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz(3) not null default now(),
    deleted_at timestamptz(3),
    constraint messages_channel_message_unique unique (organization_id, channel, channel_message_id)
  )`,
  "create index idx_messages_org on messages (organization_id)",
  "create index idx_messages_conversation on messages (conversation_id, created_at desc)",
  "create index idx_messages_content_search on messages using gin (to_tsvector('portuguese', content))",
  `create index idx_messages_org_conversation_created
    on messages (organization_id, conversation_id, created_at desc)`,

  // Deals
  `create table pipelines (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    name text not null,
    stages jsonb not null check (jsonb_typeof(stages) = 'array'),
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now()
  )`,
  "create index idx_pipelines_org on pipelines (organization_id)",

  `create table deals (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    contact_id uuid references contacts (id) on delete set null,
    pipeline_id uuid references pipelines (id),
    stage text not null,
    title text not null,
    value numeric(15, 2) check (value >= 0),
    currency text not null default 'BRL' ${currencyCheck("currency")},
    expected_close_date date,
    assigned_to uuid references users (id) on delete set null,
    status text not null default 'open' check (status in ('open', 'won', 'lost')),
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now()
  )`,
  "create index idx_deals_org on deals (organization_id)",
  "create index idx_deals_contact on deals (contact_id)",
  "create index idx_deals_pipeline on deals (pipeline_id)",
  "create index idx_deals_status on deals (status)",
  "create index idx_deals_org_pipeline_stage on deals (organization_id, pipeline_id, stage)",

  // Payments
  `create table payments (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    deal_id uuid references deals (id) on delete set null,
    amount numeric(15, 2) not null check (amount > 0),
    currency text not null default 'BRL' ${currencyCheck("currency")},
    provider text not null check (provider in ('mercadopago', 'stripe')),
    provider_payment_id text,
    payment_link text,
    status text not null default 'pending'
      check (status in ('pending', 'paid', 'failed', 'refunded', 'expired')),
    paid_at timestamptz(3),
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now(),
    constraint payments_provider_payment_unique unique (organization_id, provider, provider_payment_id)
  )`,
  "create index idx_payments_org on payments (organization_id)",
  "create index idx_payments_deal on payments (deal_id)",
  "create index idx_payments_status on payments (status)",
  "create index idx_payments_pending on payments (organization_id, created_at desc) where status = 'pending'",

  // Integrations
  `create table integrations (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    channel text not null check (channel in (${allChannels})),
    config jsonb not null,
    is_active boolean not null default true,
    webhook_secret text,
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now()
  )`,
  "create index idx_integrations_org on integrations (organization_id)",

  `create table webhook_logs (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    integration_id uuid references integrations (id) on delete set null,
    channel text not null check (channel in (${allChannels})),
    event_id text,
    payload jsonb not null,
    status text not null default 'pending' check (status in ('pending', 'success', 'failed', 'retrying')),
    attempts integer not null default 0,
    error_message text,
    processed_at timestamptz(3),
    created_at timestamptz(3) not null default now(),
    constraint webhook_logs_event_unique unique (organization_id, channel, event_id)
  )`,
  "create index idx_webhook_logs_org on webhook_logs (organization_id)",
  "create index idx_webhook_logs_status on webhook_logs (status)",
  "create index idx_webhook_logs_created on webhook_logs (created_at desc)",
  // The sweeper's query: rows written but never processed (their job was lost).
  "create index idx_webhook_logs_unprocessed on webhook_logs (created_at) where processed_at is null",
];

const tablesInCreationOrder = [
  "organizations",
  "users",
  "sessions",
  "api_keys",
  "invitations",
  "password_reset_tokens",
  "contacts",
  "conversations",
  "messages",
  "pipelines",
  "deals",
  "payments",
  "integrations",
  "webhook_logs",
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tablesInCreationOrder.toReversed()) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
