import type { Kysely } from "kysely";
import { type MigrationResult, Migrator } from "kysely/migration";
import { migrations } from "./migrations";

/**
 * Applies pending migrations, each in a transaction. On Postgres the migrator holds an advisory lock, so
 * several processes starting together apply each migration once; PGlite has a single connection.
 */
// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<{ applied: string[] }> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed ? `"${failed}" ` : ""}failed: ${reason}`, { cause: error });
  }
  return { applied: results.filter(isApplied).map((result) => result.migrationName) };
}

const isApplied = (result: MigrationResult) => result.status === "Success";
