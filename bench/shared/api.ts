import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContainer } from "@crm/api/container";
import { loadEnv } from "@crm/api/env";
import { createLogger } from "@crm/api/logger";
import { startApiProcess } from "@crm/api/realtime/testing/api-process";
import { migrateToLatest } from "@crm/db";
import { openPostgres } from "@crm/db/client";
import { processCpuMs } from "./process-cpu";

const benchSettings = (benchUrl: string) => ({
  NODE_ENV: "production",
  LOG_LEVEL: "silent",
  DATABASE_URL: benchUrl,
  DATABASE_POOL_MAX: "20",
  DATA_DIR: mkdtempSync(join(tmpdir(), "crm-bench-")),
  SEED_DEMO: "false",
  WEB_DIST_DIR: "/nonexistent",
  PUBLIC_URL: "http://localhost:3000",
  ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  AUTH_RATE_LIMIT_PER_IP: "100000",
});

/**
 * Migrates the bench database and starts the real API (`apps/api/src/main.ts`, production mode) in a process
 * of its own, as it is deployed: the benchmark's HTTP client then no longer shares the API's thread, just as
 * the `pg` client of the SQL side does not share Postgres's processes.
 */
export async function startBenchApi(
  benchUrl: string,
  apiNodeArgs: string[] = [],
  apiEnv: Record<string, string> = {},
) {
  const handle = openPostgres(benchUrl, { poolMax: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  const api = await startApiProcess({ ...benchSettings(benchUrl), ...apiEnv }, apiNodeArgs);
  return {
    baseUrl: `${api.baseUrl}/api/v1`,
    /** The API process's CPU time (user + system) so far, in ms. */
    cpuMs: () => (api.pid ? processCpuMs(api.pid) : Number.NaN),
    close: () => api.stop(),
  };
}

/** The API's container in this process, for the domain calls whose SQL the SQL side captures and replays. */
export async function openBenchContainer(benchUrl: string) {
  const handle = openPostgres(benchUrl, { poolMax: 4 });
  const settings = { ...benchSettings(benchUrl), PORT: "0" };
  const container = await createContainer(loadEnv(settings), createLogger("silent"), { database: handle });
  return {
    container,
    async close() {
      await container.close();
      await handle.close();
    },
  };
}

export const benchPassword = "correct horse battery";

export interface SignedIn {
  token: string;
  user: { id: string };
  organization: { id: string };
}

/** POSTs to /auth/register or /auth/login, answering the session. */
export async function signIn(baseUrl: string, path: string, body: object): Promise<SignedIn> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as SignedIn;
}
