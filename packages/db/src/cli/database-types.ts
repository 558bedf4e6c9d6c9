import type { Kysely } from "kysely";
import { sql } from "kysely";
import { generate, PostgresDialect } from "kysely-codegen";
import type { Database } from "../database.gen";

/**
 * The source of src/database.gen.ts for a migrated database: snake_case columns, numeric as decimal
 * strings, date as 'YYYY-MM-DD', jsonb read as JSON and written as text, and the values of
 * `check (column in (...))` constraints as union types. The same for Postgres and PGlite.
 */
export async function generateDatabaseTypes(db: Kysely<Database>): Promise<string> {
  const output = await generate({
    db,
    dialect: new PostgresDialect({ dateParser: "string", numericParser: "string" }),
    outFile: null,
    camelCase: false,
    excludePattern: "kysely_*",
    typeOnlyImports: true,
    typeMapping: { jsonb: "Jsonb", numeric: "Decimal" },
    customImports: { Jsonb: "./column-types#Jsonb", Decimal: "./column-types#Decimal" },
    overrides: { columns: await checkedValueOverrides(db) },
  });
  const renamed = output.replace("export interface DB {", "export interface Database {");
  if (renamed === output) throw new Error("kysely-codegen output changed shape: no `export interface DB {`");
  return renamed;
}

/**
 * Columns constrained by `check (column in ('a', 'b'))` get the union of their values as their type,
 * so a typo in a status is a compile error and reads need no cast.
 */
async function checkedValueOverrides(db: Kysely<Database>): Promise<Record<string, string>> {
  const { rows } = await sql<{
    table: string;
    column: string;
    definition: string;
    nullable: boolean;
    hasDefault: boolean;
  }>`
    select cls.relname as "table", att.attname as "column", pg_get_constraintdef(con.oid) as definition,
      not att.attnotnull as nullable, att.atthasdef as "hasDefault"
    from pg_constraint con
    join pg_class cls on cls.oid = con.conrelid
    join pg_namespace ns on ns.oid = cls.relnamespace
    join pg_attribute att on att.attrelid = con.conrelid and att.attnum = con.conkey[1]
    where con.contype = 'c' and ns.nspname = 'public' and cardinality(con.conkey) = 1
    order by 1, 2`.execute(db);
  const overrides: Record<string, string> = {};
  for (const row of rows) {
    const values = allowedValues(row.definition, row.column);
    if (!values) continue;
    let type = values.map((value) => JSON.stringify(value)).join(" | ");
    if (row.nullable) type = `${type} | null`;
    overrides[`${row.table}.${row.column}`] = row.hasDefault ? `Generated<${type}>` : type;
  }
  return overrides;
}

/** Parses Postgres' rendering of `column in ('a', 'b')`: `CHECK ((column = ANY (ARRAY['a'::text, 'b'::text])))`. */
function allowedValues(definition: string, column: string): string[] | undefined {
  const match = /^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)$/.exec(definition);
  if (!match || match[1] !== column || match[2] === undefined) return undefined;
  return [...match[2].matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => (m[1] ?? "").replaceAll("''", "'"));
}
