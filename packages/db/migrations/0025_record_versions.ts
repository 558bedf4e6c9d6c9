import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A deal's, contact's, company's or conversation's version is its updated_at (to the millisecond: what its
 * ETag and `expectedUpdatedAt` name), so every write must move it forward. Writers set it to the time they
 * wrote at, which two writes in the same millisecond (or in one transaction, where now() stands still) share,
 * and some writes did not set it at all (a contact's tags, the retention job's previews). A row trigger makes
 * every UPDATE's updated_at the later of that time and one millisecond past the version it replaces: strictly
 * increasing, and still a millisecond timestamp clients already parse. A contact's tags are part of it, so a
 * statement trigger on contact_tags writes the contacts whose tags changed.
 */

const versionedTables = ["deals", "contacts", "companies", "conversations"];

const statements = [
  `create function next_record_version() returns trigger language plpgsql as $$
  begin
    new.updated_at := greatest(
      case when new.updated_at is distinct from old.updated_at then new.updated_at
        else date_trunc('milliseconds', statement_timestamp()) end,
      old.updated_at + interval '1 millisecond');
    return new;
  end $$`,
  ...versionedTables.map(
    (table) => `create trigger record_version before update on ${table}
      for each row execute function next_record_version()`,
  ),
  // the contacts' row trigger gives them their next version
  `create function contact_tags_changed() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      update contacts set updated_at = updated_at where id in (select contact_id from new_rows);
    else
      update contacts set updated_at = updated_at where id in (select contact_id from old_rows);
    end if;
    return null;
  end $$`,
  `create trigger contact_tags_inserted after insert on contact_tags
    referencing new table as new_rows for each statement execute function contact_tags_changed()`,
  `create trigger contact_tags_deleted after delete on contact_tags
    referencing old table as old_rows for each statement execute function contact_tags_changed()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "drop trigger contact_tags_deleted on contact_tags",
    "drop trigger contact_tags_inserted on contact_tags",
    "drop function contact_tags_changed()",
    ...versionedTables.map((table) => `drop trigger record_version on ${table}`),
    "drop function next_record_version()",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
