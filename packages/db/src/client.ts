import type { Logger } from "@crm/domain";
import type { PGlite } from "@electric-sql/pglite";
import { Kysely, type LogEvent, PGliteDialect, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Database } from "./database.gen";
import { postgresErrorCode } from "./errors";
import { startPglite } from "./pglite";
import { pgTypes } from "./type-parsers";

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: "postgres" | "pglite";
  /** Ends the pool or closes PGlite (flushing it to disk). Safe to call twice. */
  close(): Promise<void>;
  /** Resolves when the database answers a query; for readiness checks. */
  ping(): Promise<void>;
}

export interface DatabaseOptions {
  /** Postgres connection string. When unset, an embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite's folder (the cluster lives in `<dataDir>/pgdata`), or `memory://`. Default `./.data`. */
  dataDir?: string;
  /** Connections per process. Default 10. */
  poolMax?: number;
  /** Receives failed queries (error), and every query with its duration (debug). */
  logger?: Logger;
}

export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  const pglite = await startPglite({ dataDir: options.dataDir ?? "./.data" });
  return openPglite(pglite, options);
}

export function openPostgres(databaseUrl: string, options: Pick<DatabaseOptions, "poolMax" | "logger"> = {}) {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolMax ?? 10,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 30_000,
    types: pgTypes,
    // PGlite runs in UTC; the same session time zone keeps now()::date and friends identical.
    options: "-c TimeZone=UTC",
  });
  // An idle client losing its connection emits here; unhandled, it would crash the process.
  pool.on("error", (error) => options.logger?.error({ error: error.message }, "idle database client failed"));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: options.logger && queryLogger(options.logger),
  });
  return toHandle(db, "postgres");
}

/** Kysely serializes access to PGlite's single connection, so one caller's transaction never swallows another's queries. */
export function openPglite(pglite: PGlite, options: Pick<DatabaseOptions, "logger"> = {}) {
  const db = new Kysely<Database>({
    dialect: new PGliteDialect({ pglite }),
    log: options.logger && queryLogger(options.logger),
  });
  // Kysely only closes PGlite if a query ran; close it ourselves so an unused handle frees it too.
  return toHandle(db, "pglite", async () => {
    if (!pglite.closed) await pglite.close();
  });
}

function toHandle(
  db: Kysely<Database>,
  kind: DatabaseHandle["kind"],
  afterDestroy: () => Promise<void> = async () => {},
): DatabaseHandle {
  let closing: Promise<void> | undefined;
  return {
    db,
    kind,
    close: () => {
      closing ??= db.destroy().then(afterDestroy);
      return closing;
    },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
  };
}

/** Logs the SQL text and error code only: parameters and driver error objects can carry secrets. */
function queryLogger(logger: Logger) {
  return (event: LogEvent) => {
    const durationMs = Math.round(event.queryDurationMillis);
    if (event.level === "query") {
      logger.debug({ sql: event.query.sql, durationMs }, "query");
      return;
    }
    const code = postgresErrorCode(event.error);
    const message = event.error instanceof Error ? event.error.message : String(event.error);
    const fields = { sql: event.query.sql, durationMs, code, error: message };
    // Constraint violations (class 23) are expected outcomes that repositories turn into domain errors.
    if (code?.startsWith("23")) logger.debug(fields, "query rejected by a constraint");
    else logger.error(fields, "query failed");
  };
}
