import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A company's name is kept unique without accents or letter case, as tags' since 0033: "Padaria Sao Joao" typed
 * into a form or a CSV finds "Padaria São João" instead of adding a second company beside it. The unique index
 * moves from lower(name) onto the stored key of 0048, `name_key` = lower(crm_unaccent(name)).
 *
 * Companies that already differ only by accents are merged into the oldest of them before the index is built:
 * their contacts move to the one kept, which takes any detail it lacks (CNPJ, domain, phone, address) from the
 * others, oldest first, then the others are deleted. Two of them carrying different CNPJs are two legal
 * entities and are not merged: the newer one's name gets its CNPJ appended, which makes its key differ. Moved
 * contacts' updated_at moves and the merged companies leave tombstones in `deletions`, so sync clients see both.
 */

const statements = [
  `create temporary table company_merges as
    select id as merged_id, kept_id
    from (
      select id, tax_id,
        first_value(id) over same_key as kept_id,
        first_value(tax_id) over (
          partition by organization_id, name_key order by tax_id is null, created_at, id
        ) as first_tax_id
      from companies
      window same_key as (partition by organization_id, name_key order by created_at, id)
    ) ranked
    where id <> kept_id and (tax_id is null or first_tax_id is null or tax_id = first_tax_id)`,
  // a CNPJ of its own: a company of its own, under a name that says which (cut to the 200 characters a name may
  // have; the company's id added in the unlikely case that another company already bears that name)
  `create temporary table company_renames as
    select id, organization_id,
      left(name, 200 - length(tax_id) - 3) || ' (' || tax_id || ')' as new_name,
      left(name, 200 - length(tax_id) - 12) || ' (' || tax_id || ' ' || left(id::text, 8) || ')' as fallback_name
    from (
      select id, organization_id, name, tax_id,
        first_value(tax_id) over (
          partition by organization_id, name_key order by tax_id is null, created_at, id
        ) as first_tax_id
      from companies
    ) ranked
    where tax_id is not null and tax_id <> first_tax_id`,
  `update companies set
      name = case
        when exists (
          select 1 from companies taken
          where taken.organization_id = r.organization_id and taken.name_key = lower(crm_unaccent(r.new_name))
        ) then r.fallback_name
        else r.new_name
      end,
      updated_at = now()
    from company_renames r where companies.id = r.id`,
  "drop table company_renames",
  `create temporary table company_details as
    select m.kept_id,
      (array_agg(c.tax_id order by c.created_at, c.id) filter (where c.tax_id is not null))[1] as tax_id,
      (array_agg(c.domain order by c.created_at, c.id) filter (where c.domain is not null))[1] as domain,
      (array_agg(c.phone order by c.created_at, c.id) filter (where c.phone is not null))[1] as phone,
      (array_agg(c.address order by c.created_at, c.id) filter (where c.address is not null))[1] as address
    from company_merges m join companies c on c.id = m.merged_id
    group by m.kept_id`,
  `update contacts set company_id = m.kept_id, updated_at = now()
    from company_merges m where contacts.company_id = m.merged_id`,
  // as a company's delete does, so clients syncing deletions (GET /deletions?entity=company) drop them too
  `insert into deletions (organization_id, entity, entity_id)
    select c.organization_id, 'company', c.id from companies c join company_merges m on m.merged_id = c.id`,
  "delete from companies where id in (select merged_id from company_merges)",
  `update companies set
      tax_id = coalesce(companies.tax_id, d.tax_id),
      domain = coalesce(companies.domain, d.domain),
      phone = coalesce(companies.phone, d.phone),
      address = coalesce(companies.address, d.address),
      updated_at = now()
    from company_details d where companies.id = d.kept_id`,
  "drop table company_details",
  "drop table company_merges",
  "drop index idx_companies_org_name",
  "create unique index idx_companies_org_name on companies (organization_id, name_key)",
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  // merged companies stay merged
  await sql.raw("drop index idx_companies_org_name").execute(db);
  await sql
    .raw("create unique index idx_companies_org_name on companies (organization_id, lower(name))")
    .execute(db);
}
