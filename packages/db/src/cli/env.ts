import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The only reader of process.env in this package. */
export interface DbEnv {
  databaseUrl: string | undefined;
  /** Absolute; relative paths resolve from where `npm run` was invoked (INIT_CWD), else the cwd. */
  dataDir: string;
  /** Tests must fail, not fall back to PGlite, when DATABASE_URL is missing. */
  requireServices: boolean;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  const fromFile = source.DATABASE_URL_FILE && readFileSync(source.DATABASE_URL_FILE, "utf8").trim();
  const databaseUrl = (fromFile || source.DATABASE_URL || "").trim() || undefined;
  const base = source.INIT_CWD || process.cwd();
  return {
    databaseUrl,
    dataDir: resolve(base, source.DATA_DIR || "./.data"),
    requireServices: source.REQUIRE_SERVICES === "1" || source.REQUIRE_SERVICES === "true",
  };
}
