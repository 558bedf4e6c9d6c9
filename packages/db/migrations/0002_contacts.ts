import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Contacts: companies, tags, custom field definitions, CSV imports with their per-row report, the audit
 * log, a contact's unique phone and email per organization (the database settles races between inserts),
 * and the indexes of the contact list: keyset order, filters and trigram search on name, email and phone.
 */

const tenant = "organization_id uuid not null references organizations (id) on delete cascade";
const fieldTypes = ["text", "number", "date", "boolean", "single_select", "multi_select"]
  .map((type) => `'${type}'`)
  .join(", ");

const statements = [
  `create table companies (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    name text not null check (length(name) between 1 and 200),
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now()
  )`,
  "create unique index idx_companies_org_name on companies (organization_id, lower(name))",
  "create index idx_companies_org_created on companies (organization_id, created_at desc, id desc)",

  "alter table contacts add column company_id uuid references companies (id) on delete set null",
  "create index idx_contacts_company on contacts (company_id) where company_id is not null",
  "create unique index idx_contacts_org_phone_unique on contacts (organization_id, phone) where phone is not null",
  "create unique index idx_contacts_org_email_unique on contacts (organization_id, email) where email is not null",
  "create index idx_contacts_org_created on contacts (organization_id, created_at desc, id desc)",
  "create index idx_contacts_org_name on contacts (organization_id, lower(name), id)",
  "create index idx_contacts_metadata on contacts using gin (metadata jsonb_path_ops)",

  `create table tags (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    name text not null check (length(name) between 1 and 50),
    color text not null check (color ~ '^#[0-9a-f]{6}$'),
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now()
  )`,
  "create unique index idx_tags_org_name on tags (organization_id, lower(name))",

  `create table contact_tags (
    contact_id uuid not null references contacts (id) on delete cascade,
    tag_id uuid not null references tags (id) on delete cascade,
    ${tenant},
    created_at timestamptz(3) not null default now(),
    primary key (contact_id, tag_id)
  )`,
  "create index idx_contact_tags_tag on contact_tags (tag_id, contact_id)",

  `create table custom_field_definitions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    key text not null check (key ~ '^[a-z][a-z0-9_]{0,49}$'),
    label text not null,
    type text not null check (type in (${fieldTypes})),
    options jsonb not null default '[]'::jsonb check (jsonb_typeof(options) = 'array'),
    required boolean not null default false,
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now(),
    constraint custom_field_definitions_key_unique unique (organization_id, key)
  )`,

  `create table contact_imports (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    created_by uuid references users (id) on delete set null,
    status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
    on_duplicate text not null check (on_duplicate in ('skip', 'update')),
    csv text,
    total integer,
    processed integer not null default 0,
    created integer not null default 0,
    updated integer not null default 0,
    skipped integer not null default 0,
    failed integer not null default 0,
    error text,
    created_at timestamptz(3) not null default now(),
    started_at timestamptz(3),
    finished_at timestamptz(3),
    updated_at timestamptz(3) not null default now()
  )`,
  "create index idx_contact_imports_org on contact_imports (organization_id, created_at desc)",
  // A sweeper's query: imports whose job was lost.
  "create index idx_contact_imports_unfinished on contact_imports (created_at) where status in ('queued', 'running')",

  `create table contact_import_rows (
    import_id uuid not null references contact_imports (id) on delete cascade,
    ${tenant},
    row_number integer not null check (row_number > 0),
    outcome text not null check (outcome in ('created', 'updated', 'skipped', 'error')),
    reason text,
    contact_id uuid references contacts (id) on delete set null,
    primary key (import_id, row_number)
  )`,
  "create index idx_contact_import_rows_contact on contact_import_rows (contact_id) where contact_id is not null",

  `create table audit_logs (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    actor_type text not null check (actor_type in ('user', 'api_key', 'system')),
    actor_id uuid,
    action text not null,
    entity_type text not null,
    entity_id uuid not null,
    data jsonb not null default '{}'::jsonb check (jsonb_typeof(data) = 'object'),
    created_at timestamptz(3) not null default now()
  )`,
  "create index idx_audit_logs_org_created on audit_logs (organization_id, created_at desc, id desc)",
  "create index idx_audit_logs_entity on audit_logs (organization_id, entity_type, entity_id, created_at desc)",
];

/*
 * Search stays fast at 100,000 contacts through trigram indexes (`ilike '%fragment%'` uses them). An
 * embedded PGlite without the pg_trgm extension loaded still searches, by scanning the organization's rows.
 */
const trigramStatements = [
  "create extension if not exists pg_trgm",
  "create index idx_contacts_name_trgm on contacts using gin (name gin_trgm_ops)",
  "create index idx_contacts_email_trgm on contacts using gin (email gin_trgm_ops)",
  "create index idx_contacts_phone_trgm on contacts using gin (phone gin_trgm_ops)",
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
  const { rows } = await sql<{ available: boolean }>`
    select exists (select 1 from pg_available_extensions where name = 'pg_trgm') as available`.execute(db);
  if (rows[0]?.available) {
    for (const statement of trigramStatements) {
      await sql.raw(statement).execute(db);
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop index if exists idx_contacts_phone_trgm",
    "drop index if exists idx_contacts_email_trgm",
    "drop index if exists idx_contacts_name_trgm",
    "drop table audit_logs",
    "drop table contact_import_rows",
    "drop table contact_imports",
    "drop table custom_field_definitions",
    "drop table contact_tags",
    "drop table tags",
    "drop index idx_contacts_metadata",
    "drop index idx_contacts_org_name",
    "drop index idx_contacts_org_created",
    "drop index idx_contacts_org_email_unique",
    "drop index idx_contacts_org_phone_unique",
    "alter table contacts drop column company_id",
    "drop table companies",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
