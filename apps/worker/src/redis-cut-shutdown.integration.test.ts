import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFromTemplate, dropDatabase, ensureTemplate } from "@crm/db/testing/postgres-template";
import { createBullmqQueue, createRedisConnection } from "@crm/runtime";
import { servicesFor, testEnv } from "@crm/runtime/testing/env";
import { startTcpProxy } from "@crm/runtime/testing/tcp-proxy";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  redisServerInstalled,
  startPrivateRedis,
  startWorkerProcess,
} from "./jobs/conversations/ingestion-processes";
import { startSmtpSink } from "./testing/smtp-sink";

/*
 * A worker process whose Redis went silent (a partition: nothing answered, nothing closed) still exits on SIGTERM,
 * saying what it could not close, and the job it was running is not lost: the next worker runs it again.
 */

const adminUrl = servicesFor(
  ["DATABASE_URL"],
  "a worker process on Postgres and a private Redis",
)?.DATABASE_URL;
const hasRedisServer = redisServerInstalled();
if (!hasRedisServer && testEnv().requireServices) {
  throw new Error("REQUIRE_SERVICES=1 but redis-server is not on PATH: the process tests start their own");
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

describe.skipIf(!adminUrl || !hasRedisServer)("a worker process cut off from Redis", () => {
  it("exits on SIGTERM without closing what it cannot, and its running job is run again after a restart", async () => {
    const databaseUrl = adminUrl ?? "";
    await ensureTemplate(databaseUrl);
    const database = await createFromTemplate(databaseUrl);
    cleanups.push(() => dropDatabase(databaseUrl, database.name));
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.close());
    const smtp = await startSmtpSink();
    cleanups.push(() => smtp.close());
    const smtpProxy = await startTcpProxy(smtp.url);
    cleanups.push(() => smtpProxy.close());
    const redisProxy = await startTcpProxy(redis.url);
    cleanups.push(() => redisProxy.close());
    const dataDir = await mkdtemp(join(tmpdir(), "crm-worker-cut-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      DISCORD_GATEWAY: "false",
      WORKER_SHUTDOWN_TIMEOUT_MS: "3000",
    };
    const worker = await startWorkerProcess({ ...env, REDIS_URL: redisProxy.url, SMTP_URL: smtpProxy.url });
    cleanups.push(() => worker.stop("SIGKILL"));
    const direct = createRedisConnection(redis.url);
    cleanups.push(async () => direct.disconnect());
    const queue = createBullmqQueue({ connection: direct });
    cleanups.push(() => queue.close());

    // the mail server stops answering: the job is taken and then waits for its greeting
    smtpProxy.blackHole();
    await queue.enqueue(
      "email",
      { to: "cliente@example.com", subject: "Seu pedido", text: "Chegou" },
      { jobId: "mail-during-cut" },
    );
    await vi.waitFor(
      async () => expect(await direct.lrange("bull:email:active", 0, -1)).toContain("mail-during-cut"),
      { timeout: 20_000, interval: 100 },
    );
    redisProxy.blackHole();
    const code = await worker.stop("SIGTERM");

    expect(code, worker.output()).toBe(1);
    expect(worker.output()).toMatch(/"msg":"worker stopped without closing: [^"]*BullMQ workers/);

    const restarted = await startWorkerProcess({ ...env, REDIS_URL: redis.url, SMTP_URL: smtp.url });
    cleanups.push(() => restarted.stop("SIGKILL"));
    // once the dead worker's lock on it expires, the job is found stalled and run again
    const mail = await smtp.waitFor("cliente@example.com", 120_000);
    expect(mail.subject).toBe("Seu pedido");
    expect(await restarted.stop("SIGTERM")).toBe(0);
    expect(restarted.output()).toContain('"msg":"worker stopped"');
  }, 300_000);
});
