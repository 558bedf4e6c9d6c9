import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Each organization keeps a list of predefined lost reasons ("Preço", "Sem resposta"...) so lost deals can be
 * counted per reason. A reason's name is unique per organization regardless of letter case.
 *
 * Deals keep `lost_reason` (the text every client already reads and writes) and gain `lost_reason_id`. The
 * foreign key is composite, (organization_id, lost_reason_id), so a deal can only point at a reason of its
 * own organization. Reasons are archived, never deleted (no ON DELETE action needed): a lost deal keeps
 * counting under the reason it was lost for, and reports do not lose a group when the list is tidied up.
 *
 * Existing organizations get the default list in their language, as new ones do when they register
 * (domain `defaultLostReasons`, copied here as it is today).
 */

const portuguese = ["Preço", "Escolheu um concorrente", "Sem resposta", "Sem orçamento", "Momento errado"];
const english = ["Price", "Chose a competitor", "No response", "No budget", "Bad timing"];

const values = (names: string[]) =>
  names.map((name, position) => `('${name.replaceAll("'", "''")}', ${position})`).join(", ");

const seed = (names: string[], locale: string) =>
  `insert into lost_reasons (organization_id, name, position)
    select o.id, r.name, r.position from organizations o
    cross join (values ${values(names)}) as r (name, position)
    where ${locale}`;

const statements = [
  `create table lost_reasons (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references organizations (id) on delete cascade,
    name text not null check (length(name) between 1 and 100),
    position integer not null default 0 check (position >= 0),
    archived_at timestamptz(3),
    created_at timestamptz(3) not null default now(),
    updated_at timestamptz(3) not null default now(),
    unique (organization_id, id)
  )`,
  "create unique index idx_lost_reasons_org_name on lost_reasons (organization_id, lower(name))",
  "create index idx_lost_reasons_org_position on lost_reasons (organization_id, position, created_at)",
  "alter table deals add column lost_reason_id uuid",
  `alter table deals add constraint deals_lost_reason_fkey
    foreign key (organization_id, lost_reason_id) references lost_reasons (organization_id, id)`,
  // the per-reason report and the deals list filter
  "create index idx_deals_org_lost_reason on deals (organization_id, lost_reason_id) where lost_reason_id is not null",
  seed(portuguese, "lower(o.locale) like 'pt%'"),
  seed(english, "lower(o.locale) not like 'pt%'"),
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "drop index idx_deals_org_lost_reason",
    "alter table deals drop constraint deals_lost_reason_fkey",
    "alter table deals drop column lost_reason_id",
    "drop table lost_reasons",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
