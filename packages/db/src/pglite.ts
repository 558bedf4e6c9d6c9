import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { pgliteParsers } from "./type-parsers";

export const IN_MEMORY = "memory://";

export interface PgliteOptions {
  /** A folder (the cluster lives in `<dataDir>/pgdata`) or `memory://`. */
  dataDir: string;
  /** Start from a snapshot taken with `dumpDataDir()` instead of an empty cluster. */
  snapshot?: Blob;
}

/**
 * Contrib extensions a migration may `create extension` on Postgres must be bundled here too, or the
 * embedded schema would differ from production's. They cost nothing until created. The one exception is
 * `rum`, which PGlite does not build: migration 0013 indexes message search with GIN where it is missing.
 */
const extensions = { pg_trgm, unaccent };

export const bundledExtensions = Object.keys(extensions);

export async function startPglite({ dataDir, snapshot }: PgliteOptions): Promise<PGlite> {
  const options = { parsers: pgliteParsers, extensions, ...(snapshot ? { loadDataDir: snapshot } : {}) };
  if (dataDir === IN_MEMORY) return PGlite.create(options);
  const pgdata = join(dataDir, "pgdata");
  await mkdir(pgdata, { recursive: true });
  return PGlite.create(pgdata, options);
}
