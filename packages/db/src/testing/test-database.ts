import type { Logger } from "@crm/domain";
import { readEnv } from "../cli/env";
import { type DatabaseHandle, openPglite, openPostgres } from "../client";
import { IN_MEMORY, startPglite } from "../pglite";
import { migratedSnapshot, snapshotPath } from "./pglite-snapshot";
import { createFromTemplate, dropDatabase } from "./postgres-template";

/**
 * A migrated database of its own for each caller: with DATABASE_URL, a new Postgres database copied from
 * a migrated template (dropped on close); without it, an in-memory PGlite loaded from a migrated snapshot.
 * With REQUIRE_SERVICES=1 a missing DATABASE_URL is an error, never a silent fallback.
 */
export async function createTestDatabase(options: { logger?: Logger } = {}): Promise<DatabaseHandle> {
  const env = readEnv();
  if (env.databaseUrl) return createPostgresTestDatabase(env.databaseUrl, options);
  if (env.requireServices) {
    throw new Error("REQUIRE_SERVICES=1 but DATABASE_URL is not set: refusing to fall back to PGlite");
  }
  const pglite = await startPglite({ dataDir: IN_MEMORY, snapshot: await migratedSnapshot() }).catch(
    (error: unknown) => {
      throw new Error(`Could not load the migrated PGlite snapshot; delete ${snapshotPath()} to rebuild it`, {
        cause: error,
      });
    },
  );
  return openPglite(pglite, options);
}

async function createPostgresTestDatabase(
  adminUrl: string,
  options: { logger?: Logger },
): Promise<DatabaseHandle> {
  const { name, url } = await createFromTemplate(adminUrl);
  const handle = openPostgres(url, { poolMax: 5, ...options });
  let closing: Promise<void> | undefined;
  return {
    ...handle,
    close: () => {
      closing ??= handle.close().then(() => dropDatabase(adminUrl, name));
      return closing;
    },
  };
}
