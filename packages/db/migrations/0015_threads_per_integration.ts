import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A thread belongs to the integration that hears it: a customer writing to an organization's sales number and
 * to its support number has two conversations, each answered from its own number, and a person writing to two
 * Telegram bots of one organization has two chats whose message ids ("<chat>:<message>") repeat from one bot to
 * the other. So a conversation is unique per integration and thread, and a message per conversation and
 * provider id (an index still finds a message by its provider id alone, for delivery statuses).
 * A conversation whose integration was deleted (integration_id null) conflicts with nothing.
 */

const statements = [
  `alter table conversations
    drop constraint conversations_channel_thread_unique,
    add constraint conversations_integration_thread_unique
      unique (organization_id, integration_id, channel, channel_thread_id)`,
  `alter table messages
    drop constraint messages_channel_message_unique,
    add constraint messages_conversation_message_unique unique (conversation_id, channel_message_id)`,
  `create index idx_messages_channel_message on messages (organization_id, channel, channel_message_id)
    where channel_message_id is not null`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw("drop index idx_messages_channel_message").execute(db);
  await sql
    .raw(`alter table messages
      drop constraint messages_conversation_message_unique,
      add constraint messages_channel_message_unique unique (organization_id, channel, channel_message_id)`)
    .execute(db);
  await sql
    .raw(`alter table conversations
      drop constraint conversations_integration_thread_unique,
      add constraint conversations_channel_thread_unique unique (organization_id, channel, channel_thread_id)`)
    .execute(db);
}
