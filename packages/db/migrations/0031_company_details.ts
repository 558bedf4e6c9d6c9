import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * What an integrator and a Brazilian business know of a company besides its name: its CNPJ (14 characters
 * without punctuation, unique in the organization, the database settling races between inserts), website
 * domain, phone (E.164) and postal address (a JSON object of optional parts). All nullable: existing
 * companies stay as they are. The unique index is partial, so companies without a CNPJ never collide.
 */

const statements = [
  "alter table companies add column tax_id text check (tax_id ~ '^[0-9A-Z]{12}[0-9]{2}$')",
  "alter table companies add column domain text check (length(domain) between 1 and 253)",
  "alter table companies add column phone text",
  "alter table companies add column address jsonb check (jsonb_typeof(address) = 'object')",
  "create unique index idx_companies_org_tax_id on companies (organization_id, tax_id) where tax_id is not null",
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["tax_id", "domain", "phone", "address"]) {
    await sql.raw(`alter table companies drop column ${column}`).execute(db);
  }
}
