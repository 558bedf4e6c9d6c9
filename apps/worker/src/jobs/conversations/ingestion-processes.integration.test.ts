import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPostgres } from "@crm/db/client";
import { createFromTemplate, dropDatabase } from "@crm/db/testing/postgres-template";
import { type FakeWhatsApp, fakeWamid, startFakeWhatsApp } from "@crm/integrations/testing/index";
import { servicesFor, testEnv } from "@crm/runtime/testing/env";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type ApiProcess,
  type ManagedProcess,
  type PrivateRedis,
  redisServerInstalled,
  runConcurrently,
  startApiProcess,
  startPrivateRedis,
  startWorkerProcess,
} from "./ingestion-processes";
import { postWhatsApp, whatsAppMessagesWebhook } from "./ingestion-test-kit";

/*
 * The API and the worker as real processes on Postgres and a private Redis, while things die: a worker
 * killed mid-burst, Redis stopped mid-burst. Every message must end up stored exactly once.
 */

const adminUrl = servicesFor(["DATABASE_URL"], "the process tests need Postgres")?.DATABASE_URL;
const hasRedisServer = redisServerInstalled();
if (!hasRedisServer && testEnv().requireServices) {
  throw new Error("REQUIRE_SERVICES=1 but redis-server is not on PATH: the process tests start their own");
}

interface Stack {
  api: ApiProcess;
  worker: ManagedProcess;
  redis: PrivateRedis;
  whatsapp: FakeWhatsApp;
  db: ReturnType<typeof openPostgres>;
  env: Record<string, string>;
  organizationId: string;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function startStack(databaseUrl: string): Promise<Stack> {
  const { name, url } = await createFromTemplate(databaseUrl);
  cleanups.push(() => dropDatabase(databaseUrl, name));
  const db = openPostgres(url, { poolMax: 2 });
  cleanups.push(() => db.close());
  const redis = await startPrivateRedis();
  cleanups.push(() => redis.close());
  const whatsapp = await startFakeWhatsApp();
  cleanups.push(() => whatsapp.close());
  const dataDir = await mkdtemp(join(tmpdir(), "crm-processes-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const env = {
    DATABASE_URL: url,
    REDIS_URL: redis.url,
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    WHATSAPP_API_BASE: whatsapp.apiBase,
  };
  const api = await startApiProcess(env);
  cleanups.push(() => api.stop("SIGKILL"));
  const worker = await startWorkerProcess(env);
  cleanups.push(() => worker.stop("SIGKILL"));

  const registered = await fetch(`${api.baseUrl}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      organizationName: "Loja",
      name: "Dona",
      email: `owner-${randomBytes(4).toString("hex")}@example.com`,
      password: "correct horse battery",
    }),
  });
  const owner = (await registered.json()) as { token: string; user: { organizationId: string } };
  const integration = await fetch(`${api.baseUrl}/api/v1/integrations`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${owner.token}` },
    body: JSON.stringify({ channel: "whatsapp", name: "WhatsApp", config: whatsapp.config }),
  });
  expect(integration.status).toBe(201);
  return { api, worker, redis, whatsapp, db, env, organizationId: owner.user.organizationId };
}

/** `count` webhooks of one new message each, from 40 customers; answers the message ids. */
function burstOf(stack: Stack, count: number) {
  const ids = Array.from({ length: count }, () => fakeWamid());
  const payloads = ids.map((id, i) =>
    whatsAppMessagesWebhook(stack.whatsapp.config.phoneNumberId, [
      { id, from: `55119${80_000_000 + (i % 40)}`, text: `mensagem ${i}` },
    ]),
  );
  return {
    ids,
    post: (i: number) => postWhatsApp(stack.api.baseUrl, stack.whatsapp.config, payloads[i] ?? {}),
  };
}

const storedCount = async (stack: Stack) => {
  const { rows } = await sql<{ count: string }>`select count(*) from messages`.execute(stack.db.db);
  return Number(rows[0]?.count);
};

async function expectEachStoredOnce(stack: Stack, ids: string[]) {
  await vi.waitFor(async () => expect(await storedCount(stack)).toBeGreaterThanOrEqual(ids.length), {
    timeout: 180_000,
    interval: 500,
  });
  const rows = await stack.db.db
    .selectFrom("messages")
    .select(["channel_message_id"])
    .where("organization_id", "=", stack.organizationId)
    .execute();
  expect(rows.map((r) => r.channel_message_id).sort()).toEqual([...ids].sort());
  const logs = await stack.db.db
    .selectFrom("webhook_logs")
    .select(({ fn }) => ["status", fn.countAll<string>().as("count")])
    .groupBy("status")
    .execute();
  expect(logs).toEqual([{ status: "success", count: String(ids.length) }]);
}

describe.skipIf(!adminUrl || !hasRedisServer)("ingestion across real processes", () => {
  it("stores every message once when the worker is killed mid-burst and restarted", async () => {
    const stack = await startStack(adminUrl ?? "");
    const burst = burstOf(stack, 400);
    let killed = false;

    const statuses = await runConcurrently(400, 16, async (i) => {
      if (i === 150 && !killed) {
        killed = true;
        // SIGKILL: no graceful close, transactions cut, BullMQ jobs left active until their lock expires
        expect(await stack.worker.stop("SIGKILL")).toBeNull();
        const restarted = await startWorkerProcess(stack.env);
        cleanups.push(() => restarted.stop("SIGKILL"));
      }
      return burst.post(i);
    });

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(killed).toBe(true);
    await expectEachStoredOnce(stack, burst.ids);
  }, 300_000);

  it("answers every webhook while Redis is down and processes them all once it is back", async () => {
    const stack = await startStack(adminUrl ?? "");
    const burst = burstOf(stack, 300);

    const statuses = await runConcurrently(300, 16, async (i) => {
      if (i === 100) await stack.redis.stop();
      if (i === 200) await stack.redis.start();
      return burst.post(i);
    });

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    await expectEachStoredOnce(stack, burst.ids);
  }, 300_000);
});
