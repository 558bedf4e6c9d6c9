import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFromTemplate, dropDatabase, ensureTemplate } from "@crm/db/testing/postgres-template";
import { servicesFor } from "@crm/runtime/testing/env";
import { startTcpProxy, type TcpProxy } from "@crm/runtime/testing/tcp-proxy";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type ApiProcess, isolatedRedisUrl, startApiProcess } from "./realtime/testing/api-process";

const services = servicesFor(["DATABASE_URL", "REDIS_URL"], "an API process on Postgres and Redis");

/*
 * An API process whose every Redis connection is cut still stops gracefully on SIGTERM (`main.ts`: exit 0 after
 * "stopped"), rather than waiting for Redis until the forced exit.
 */
describe.skipIf(!services)("an API process cut off from Redis", () => {
  let database: { name: string; url: string };
  let dataDir: string;
  const processes: ApiProcess[] = [];

  beforeAll(async () => {
    const adminUrl = services?.DATABASE_URL ?? "";
    await ensureTemplate(adminUrl);
    database = await createFromTemplate(adminUrl);
    dataDir = await mkdtemp(join(tmpdir(), "crm-redis-cut-"));
  }, 120_000);

  afterAll(async () => {
    for (const api of processes) api.kill();
    if (database) await dropDatabase(services?.DATABASE_URL ?? "", database.name);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function startBehind(proxy: TcpProxy): Promise<ApiProcess> {
    const api = await startApiProcess({
      DATABASE_URL: database.url,
      REDIS_URL: proxy.url,
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      LOG_LEVEL: "info",
      WEB_DIST_DIR: "/nonexistent",
      ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      // jobs too: BullMQ's workers hold connections of their own
      EMBEDDED_WORKER: "true",
    });
    processes.push(api);
    return api;
  }

  async function proxyToRedis(): Promise<TcpProxy> {
    const proxy = await startTcpProxy(isolatedRedisUrl(services?.REDIS_URL ?? ""));
    onTestFinished(() => proxy.close());
    return proxy;
  }

  it("stops gracefully when its connections dropped and Redis refuses new ones", async () => {
    const proxy = await proxyToRedis();
    const api = await startBehind(proxy);

    proxy.down();
    const code = await api.stop();

    expect(api.output()).toContain('"msg":"stopped"');
    expect(code, api.output()).toBe(0);
  }, 60_000);

  it("stops gracefully when its connections went silent (a partition: nothing is answered, nothing closes)", async () => {
    const proxy = await proxyToRedis();
    const api = await startBehind(proxy);

    proxy.blackHole();
    const code = await api.stop();

    expect(api.output()).toContain('"msg":"stopped"');
    expect(code, api.output()).toBe(0);
  }, 60_000);
});
