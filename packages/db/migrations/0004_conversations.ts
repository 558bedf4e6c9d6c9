import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Integrations, webhooks and the inbox. Lookup columns for webhooks (WhatsApp names its phone number id;
 * its GET challenge names the verify token) live beside the encrypted config, since the config cannot be
 * searched. Messages order by the provider's timestamp (sent_at), not by arrival.
 */

const statements = [
  `alter table integrations
    add column name text not null default '',
    add column external_id text,
    add column verify_token_hash text,
    add column last_tested_at timestamptz(3),
    add column last_test_error text`,
  "create index idx_integrations_external on integrations (channel, external_id) where external_id is not null",
  "create index idx_integrations_verify_token on integrations (verify_token_hash) where verify_token_hash is not null",

  // A webhook is kept as received, even when its body is not JSON: payload is then null and raw_body says why.
  `alter table webhook_logs
    alter column payload drop not null,
    add column raw_body text,
    add column source text not null default 'webhook' check (source in ('webhook', 'gateway')),
    add column last_attempt_at timestamptz(3)`,

  `alter table conversations
    add column integration_id uuid references integrations (id) on delete set null,
    add column snoozed_until timestamptz(3),
    add column last_inbound_at timestamptz(3),
    add column unread_count integer not null default 0 check (unread_count >= 0),
    add column last_message_preview text,
    add constraint conversations_snoozed_check check ((status = 'snoozed') = (snoozed_until is not null))`,
  // The inbox: newest activity first within an organization, the spec's partial index for open ones.
  `create index idx_conversations_inbox
    on conversations (organization_id, last_message_at desc nulls last, id desc)`,
  "create index idx_conversations_snoozed on conversations (snoozed_until) where status = 'snoozed'",

  `alter table messages drop constraint messages_content_type_check`,
  `alter table messages
    add constraint messages_content_type_check
      check (content_type in ('text', 'image', 'video', 'audio', 'file', 'sticker', 'location', 'unsupported')),
    add column sent_at timestamptz(3) not null default now(),
    add column status text check (status in ('pending', 'sent', 'delivered', 'read', 'failed')),
    add column status_at timestamptz(3),
    add column error_message text,
    add column is_private boolean not null default false,
    add column reply_to_channel_message_id text,
    add column media_status text check (media_status in ('pending', 'stored', 'failed')),
    add column media_mime_type text,
    add column media_file_name text,
    add column media_provider_id text,
    add constraint messages_private_check check (not is_private or direction = 'outbound')`,
  `create index idx_messages_conversation_sent
    on messages (organization_id, conversation_id, sent_at desc, id desc)`,
  "create index idx_messages_pending on messages (organization_id, created_at) where status = 'pending'",

  /* Who is who on each channel: a WhatsApp number, a Telegram user id, a Slack or Discord user, pointing at a contact. */
  `create table channel_identities (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references organizations (id) on delete cascade,
    contact_id uuid not null references contacts (id) on delete cascade,
    channel text not null check (channel in ('whatsapp', 'telegram', 'discord', 'slack')),
    channel_user_id text not null,
    display_name text,
    created_at timestamptz(3) not null default now(),
    constraint channel_identities_unique unique (organization_id, channel, channel_user_id)
  )`,
  "create index idx_channel_identities_contact on channel_identities (contact_id)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table channel_identities").execute(db);
  for (const statement of [
    "drop index idx_messages_pending",
    "drop index idx_messages_conversation_sent",
    `alter table messages drop constraint messages_private_check, drop constraint messages_content_type_check,
      drop column sent_at, drop column status, drop column status_at, drop column error_message,
      drop column is_private, drop column reply_to_channel_message_id, drop column media_status,
      drop column media_mime_type, drop column media_file_name, drop column media_provider_id`,
    `alter table messages add constraint messages_content_type_check
      check (content_type in ('text', 'image', 'video', 'audio', 'file'))`,
    "drop index idx_conversations_snoozed",
    "drop index idx_conversations_inbox",
    `alter table conversations drop constraint conversations_snoozed_check, drop column integration_id,
      drop column snoozed_until, drop column last_inbound_at, drop column unread_count, drop column last_message_preview`,
    `alter table webhook_logs drop column raw_body, drop column source, drop column last_attempt_at`,
    "drop index idx_integrations_verify_token",
    "drop index idx_integrations_external",
    `alter table integrations drop column name, drop column external_id, drop column verify_token_hash,
      drop column last_tested_at, drop column last_test_error`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
