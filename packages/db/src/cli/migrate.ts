import { createDatabase } from "../client";
import { migrateToLatest } from "../migrator";
import { readEnv } from "./env";

const env = readEnv();
const handle = await createDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
try {
  const { applied } = await migrateToLatest(handle.db);
  const target = handle.kind === "postgres" ? "Postgres" : `PGlite at ${env.dataDir}`;
  console.log(applied.length > 0 ? `Applied to ${target}: ${applied.join(", ")}` : `${target} is up to date`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
