import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * An import gets a third way to treat a row matching an existing contact, `fill`: only the contact's empty
 * values are written. Going down, such imports become `skip`, the mode that, like it, never replaces a value.
 */

const previousModes = ["skip", "update"];
const quoted = (modes: string[]) => modes.map((mode) => `'${mode}'`).join(", ");

const withModes = (modes: string[]) => [
  "alter table contact_imports drop constraint contact_imports_on_duplicate_check",
  `alter table contact_imports add constraint contact_imports_on_duplicate_check check (on_duplicate in (${quoted(modes)}))`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of withModes([...previousModes, "fill"])) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "update contact_imports set on_duplicate = 'skip' where on_duplicate = 'fill'",
    ...withModes(previousModes),
  ]) {
    await sql.raw(statement).execute(db);
  }
}
