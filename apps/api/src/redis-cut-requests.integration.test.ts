import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFromTemplate, dropDatabase, ensureTemplate } from "@crm/db/testing/postgres-template";
import { servicesFor } from "@crm/runtime/testing/env";
import { startTcpProxy } from "@crm/runtime/testing/tcp-proxy";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { type ApiProcess, isolatedRedisUrl, startApiProcess } from "./realtime/testing/api-process";

const services = servicesFor(["DATABASE_URL", "REDIS_URL"], "an API process on Postgres and Redis");

/*
 * An API process whose Redis went silent (a partition: nothing answered, nothing closed, new connections silent
 * too) still answers: rate limits are counted by the process alone, an enqueue fails instead of waiting, /ready
 * says Redis is not there. Once the network is back, the connection is made again without a restart.
 */
describe.skipIf(!services)("an API process whose Redis went silent", () => {
  let database: { name: string; url: string };
  let dataDir: string;
  const processes: ApiProcess[] = [];

  beforeAll(async () => {
    const adminUrl = services?.DATABASE_URL ?? "";
    await ensureTemplate(adminUrl);
    database = await createFromTemplate(adminUrl);
    dataDir = await mkdtemp(join(tmpdir(), "crm-redis-silent-"));
  }, 120_000);

  afterAll(async () => {
    for (const api of processes) api.kill();
    if (database) await dropDatabase(services?.DATABASE_URL ?? "", database.name);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const post = (api: ApiProcess, path: string, body: object) =>
    fetch(`${api.baseUrl}/api/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers rate-limited and enqueueing requests, and reconnects once the network is back", async () => {
    const proxy = await startTcpProxy(isolatedRedisUrl(services?.REDIS_URL ?? ""));
    onTestFinished(() => proxy.close());
    const api = await startApiProcess({
      DATABASE_URL: database.url,
      REDIS_URL: proxy.url,
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      LOG_LEVEL: "info",
      WEB_DIST_DIR: "/nonexistent",
      ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      EMBEDDED_WORKER: "false",
      REDIS_HEARTBEAT_INTERVAL_MS: "1000",
      REDIS_HEARTBEAT_TIMEOUT_MS: "1000",
    });
    processes.push(api);
    const email = `owner-${randomBytes(4).toString("hex")}@example.com`;
    const registered = await post(api, "/auth/register", {
      organizationName: "Loja",
      name: "Dona",
      email,
      password: "correct horse battery",
    });
    expect(registered.status).toBe(200);

    proxy.blackHole();

    const login = await post(api, "/auth/login", { email, password: "wrong horse battery" });
    expect(login.status, api.output()).toBe(401);
    expect(api.output()).toContain("rate limit counted by this process alone");
    // answered before the email is queued; the enqueue then fails rather than waiting for Redis
    const forgot = await post(api, "/auth/forgot-password", { email });
    expect(forgot.status, api.output()).toBe(200);
    await vi.waitFor(() => expect(api.output()).toContain("could not send a password reset"), {
      timeout: 30_000,
      interval: 100,
    });
    const ready = await fetch(`${api.baseUrl}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: { redis: string } }).checks.redis).not.toBe("ok");

    proxy.up();
    await vi.waitFor(async () => expect((await fetch(`${api.baseUrl}/ready`)).status).toBe(200), {
      timeout: 30_000,
      interval: 200,
    });
    expect(await api.stop()).toBe(0);
  }, 120_000);
});
