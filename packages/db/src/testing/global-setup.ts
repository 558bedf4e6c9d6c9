import { readEnv } from "../cli/env";
import { migratedSnapshot } from "./pglite-snapshot";
import { dropLeftoverDatabases, ensureTemplate } from "./postgres-template";

/**
 * Vitest globalSetup: prepares the migrated template (Postgres) or snapshot (PGlite) once, before the
 * workers start, so they do not all build it at the same time. createTestDatabase works without it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const env = readEnv();
  if (env.databaseUrl) {
    const adminUrl = env.databaseUrl;
    await ensureTemplate(adminUrl);
    return async () => {
      await dropLeftoverDatabases(adminUrl);
    };
  }
  if (!env.requireServices) await migratedSnapshot();
  return async () => {};
}
