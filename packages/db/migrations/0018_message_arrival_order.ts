import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A thread is ordered by (sent_at, id), and sent_at is the provider's time in whole seconds (Telegram,
 * WhatsApp): messages of one second were ordered by a random uuid, i.e. shuffled. New message ids are now
 * UUIDv7 (RFC 9562): the unix time in ms, then the fraction of the ms in the 12 rand_a bits (section 6.2,
 * method 3), then 62 random bits, so ids sort in the order rows were stored and the same (sent_at, id) order,
 * cursors and idx_messages_conversation_sent keep working with no rewrite of the table and no new index.
 * clock_timestamp() repeats within a statement (microseconds on Postgres, milliseconds on PGlite), so the
 * time part is also kept above the last one this connection made (a session setting), as Postgres 18's
 * uuidv7() does: one multi-row INSERT, or a transaction's inserts, get increasing ids. Existing rows keep
 * their random ids.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `create function time_ordered_uuid() returns uuid language sql volatile as $$
      select encode(
        int8send(((stamp >> 12) << 16) | (7 << 12) | (stamp & 4095)) || substring(uuid_send(gen_random_uuid()) from 9),
        'hex'
      )::uuid
      from (
        select set_config(
          'crm.uuid_stamp',
          greatest(
            floor(extract(epoch from clock_timestamp()) * 4096000)::bigint,
            nullif(current_setting('crm.uuid_stamp', true), '')::bigint + 1
          )::text,
          false
        )::bigint as stamp
      ) as next
    $$`,
    "alter table messages alter column id set default time_ordered_uuid()",
  ]) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "alter table messages alter column id set default gen_random_uuid()",
    "drop function time_ordered_uuid()",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
