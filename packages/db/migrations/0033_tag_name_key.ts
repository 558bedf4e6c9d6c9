import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A tag's name is searched, sorted and kept unique without accents or letter case, like a contact's
 * (0019): "atacadao" finds "Atacadão", and creating it answers that "Atacadão" exists instead of adding a
 * near-duplicate. The key is stored, `name_key` = lower(crm_unaccent(name)), and the unique index moves from
 * lower(name) onto it; it also serves the list's name order.
 *
 * Tags that already differ only by accents (or case, which the old index allowed for no pair) are merged
 * into the oldest of them before the index is built: they are the same tag to the people who made them, and
 * a unique index is the only check two concurrent creations cannot both pass. The others' contacts are
 * attached to the one kept (a contact carrying both keeps it once), then the others are deleted: no contact
 * loses a tag. Their contacts' updated_at moves (0025's trigger on contact_tags), so sync clients see them.
 *
 * Tags also join incremental sync: `sort=updatedAt` reads them in (updated_at, id) order within an
 * organization, and 0025's trigger keeps updated_at strictly moving on every rename or recolor.
 */

const merges = [
  `create temporary table tag_merges as
    select id as merged_id,
      first_value(id) over (
        partition by organization_id, lower(crm_unaccent(name)) order by created_at, id
      ) as kept_id
    from tags`,
  "delete from tag_merges where merged_id = kept_id",
  `insert into contact_tags (contact_id, tag_id, organization_id, created_at)
    select ct.contact_id, m.kept_id, ct.organization_id, min(ct.created_at)
    from contact_tags ct join tag_merges m on m.merged_id = ct.tag_id
    group by ct.contact_id, m.kept_id, ct.organization_id
    on conflict (contact_id, tag_id) do nothing`,
  // deleting the merged tags takes their contact_tags rows with them (on delete cascade)
  "delete from tags where id in (select merged_id from tag_merges)",
  "drop table tag_merges",
];

const statements = [
  ...merges,
  "alter table tags add column name_key text generated always as (lower(crm_unaccent(name))) stored not null",
  "drop index idx_tags_org_name",
  "create unique index idx_tags_org_name on tags (organization_id, name_key)",
  "create index idx_tags_org_updated on tags (organization_id, updated_at, id)",
  `create trigger record_version before update on tags
    for each row execute function next_record_version()`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop trigger record_version on tags",
    "drop index idx_tags_org_updated",
    // takes its unique index with it; merged tags stay merged
    "alter table tags drop column name_key",
    "create unique index idx_tags_org_name on tags (organization_id, lower(name))",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
