import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFromTemplate, dropDatabase, ensureTemplate } from "@crm/db/testing/postgres-template";
import { servicesFor } from "@crm/runtime/testing/env";
import { startTcpProxy, type TcpProxy } from "@crm/runtime/testing/tcp-proxy";
import { afterAll, beforeAll, onTestFinished } from "vitest";
import { type ApiProcess, isolatedRedisUrl, startApiProcess } from "../realtime/testing/api-process";

/** Postgres and Redis for API processes; undefined to skip the file (REQUIRE_SERVICES=1 throws instead). */
export const apiProcessServices = servicesFor(
  ["DATABASE_URL", "REDIS_URL"],
  "an API process on Postgres and Redis",
);

export interface ApiBehindRedisProxy {
  api: ApiProcess;
  /** Between the API and Redis: the test cuts it (`down`, `blackHole`) and brings it back (`up`). */
  proxy: TcpProxy;
}

/**
 * `apps/api/src/main.ts` spawned as in production, reaching Redis only through a proxy the test can cut. Call it in
 * a `describe` of a file skipped without `apiProcessServices`: the file's processes share a database and a data
 * directory made before its tests; `start` adds `env` (EMBEDDED_WORKER, heartbeat...) to what every one needs. The
 * proxy closes when the test finishes; the processes still running are killed after the file's tests.
 */
export function useApiBehindRedisProxy(): {
  start(env: Record<string, string>): Promise<ApiBehindRedisProxy>;
} {
  const adminUrl = apiProcessServices?.DATABASE_URL ?? "";
  let database: { name: string; url: string } | undefined;
  let dataDir: string | undefined;
  const processes: ApiProcess[] = [];

  beforeAll(async () => {
    await ensureTemplate(adminUrl);
    database = await createFromTemplate(adminUrl);
    dataDir = await mkdtemp(join(tmpdir(), "crm-redis-cut-"));
  }, 120_000);

  afterAll(async () => {
    for (const api of processes) api.kill();
    if (database) await dropDatabase(adminUrl, database.name);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return {
    async start(env) {
      if (!database || !dataDir) throw new Error("useApiBehindRedisProxy: start it inside a test");
      const proxy = await startTcpProxy(isolatedRedisUrl(apiProcessServices?.REDIS_URL ?? ""));
      onTestFinished(() => proxy.close());
      const api = await startApiProcess({
        DATABASE_URL: database.url,
        REDIS_URL: proxy.url,
        DATA_DIR: dataDir,
        SEED_DEMO: "false",
        LOG_LEVEL: "info",
        WEB_DIST_DIR: "/nonexistent",
        ENCRYPTION_KEY: randomBytes(32).toString("hex"),
        ...env,
      });
      processes.push(api);
      return { api, proxy };
    },
  };
}
