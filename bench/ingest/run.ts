import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openPostgres } from "@crm/db/client";
import { createFromTemplate, dropDatabase, ensureTemplate } from "@crm/db/testing/postgres-template";
import { fakeWamid, signedWhatsAppWebhook, startFakeWhatsApp } from "@crm/integrations/testing/index";
import {
  freePort,
  startApiProcess,
  startPrivateRedis,
  startWorkerProcess,
} from "@crm/worker/jobs/conversations/ingestion-processes";
import { whatsAppMessagesWebhook } from "@crm/worker/jobs/conversations/ingestion-test-kit";
import { sql } from "kysely";
import { type LoadResult, type PreparedRequest, percentile, runLoad } from "./load";

/*
 * npm run bench:ingest — signed WhatsApp webhooks against the API (its own process) with a worker process,
 * on Postgres and a private Redis; then the same bodies against a bare Hono route doing one INSERT with a
 * pool of the same size. Prints accept throughput, p99 accept latency, the time until every message is
 * stored, and the ratio to the baseline.
 */

/** The only reader of the environment here. */
const settings: Record<string, string | undefined> = process.env;

const total = Number(settings.BENCH_WEBHOOKS ?? 20_000);
const concurrency = Number(settings.BENCH_CONCURRENCY ?? 64);
const warmup = Number(settings.BENCH_WARMUP ?? 500);
const senders = 2000;
const poolMax = 20;
const adminUrl = settings.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const target = 0.7;

const cleanups: Array<() => Promise<unknown>> = [];
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<boolean> {
  log(`ingest bench: ${total} webhooks at concurrency ${concurrency} (+${warmup} warm-up)`);
  await ensureTemplate(adminUrl);
  const database = await createFromTemplate(adminUrl);
  cleanups.push(() => dropDatabase(adminUrl, database.name));
  const db = openPostgres(database.url, { poolMax: 2 });
  cleanups.push(() => db.close());
  const redis = await startPrivateRedis();
  cleanups.push(() => redis.close());
  const whatsapp = await startFakeWhatsApp();
  cleanups.push(() => whatsapp.close());
  const dataDir = await mkdtemp(join(tmpdir(), "crm-bench-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const env = {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(poolMax),
    REDIS_URL: redis.url,
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    WHATSAPP_API_BASE: whatsapp.apiBase,
  };
  const api = await startApiProcess({ ...env, LOG_LEVEL: "error" });
  cleanups.push(() => api.stop());
  const worker = await startWorkerProcess(env);
  cleanups.push(() => worker.stop());
  const { organizationId } = await connectWhatsApp(api.baseUrl, whatsapp.config);

  // signatures are the provider's work, not ours: every body is signed before the clock starts
  const ids = Array.from({ length: warmup + total }, () => fakeWamid());
  const webhooks = ids.map((id, i) => {
    const payload = whatsAppMessagesWebhook(whatsapp.config.phoneNumberId, [
      {
        id,
        from: `55119${80_000_000 + (i % senders)}`,
        text: `Mensagem ${i}: quero saber o preço do produto`,
      },
    ]);
    const signed = signedWhatsAppWebhook(payload, whatsapp.config.appSecret);
    return { path: "/webhooks/whatsapp", headers: signed.headers, body: signed.body };
  });

  await runLoad(api.baseUrl, webhooks.slice(0, warmup), concurrency);
  const startedAt = performance.now();
  const accepted = await runLoad(api.baseUrl, webhooks.slice(warmup), concurrency);
  const storedAfterMs = await waitUntilStored(db, organizationId, ids.length, startedAt);
  const check = await checkStored(db, organizationId, ids);

  const baseline = await runBaseline(database.url, db, webhooks);
  report(accepted, storedAfterMs, check, baseline);
  return check.ok && accepted.accepted === total && throughput(accepted) / throughput(baseline) >= target;
}

async function connectWhatsApp(baseUrl: string, config: object): Promise<{ organizationId: string }> {
  const registered = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      organizationName: "Bench",
      name: "Bench",
      email: `bench-${randomBytes(4).toString("hex")}@example.com`,
      password: "correct horse battery",
    }),
  });
  const owner = (await registered.json()) as { token: string; user: { organizationId: string } };
  const created = await fetch(`${baseUrl}/api/v1/integrations`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${owner.token}` },
    body: JSON.stringify({ channel: "whatsapp", name: "Bench", config }),
  });
  if (created.status !== 200) throw new Error(`creating the integration answered ${created.status}`);
  return { organizationId: owner.user.organizationId };
}

type Db = ReturnType<typeof openPostgres>;

async function countStored(db: Db, organizationId: string): Promise<number> {
  const { rows } = await sql<{ count: string }>`
    select count(*) from messages where organization_id = ${organizationId}`.execute(db.db);
  return Number(rows[0]?.count);
}

async function waitUntilStored(db: Db, organizationId: string, expected: number, since: number) {
  const deadline = Date.now() + 30 * 60_000;
  while (Date.now() < deadline) {
    if ((await countStored(db, organizationId)) >= expected) return performance.now() - since;
    await sleep(250);
  }
  throw new Error(
    `only ${await countStored(db, organizationId)} of ${expected} messages stored after 30 minutes`,
  );
}

interface StoredCheck {
  ok: boolean;
  missing: number;
  doubled: number;
  logs: Record<string, number>;
}

async function checkStored(db: Db, organizationId: string, ids: string[]): Promise<StoredCheck> {
  const rows = await db.db
    .selectFrom("messages")
    .select("channel_message_id")
    .where("organization_id", "=", organizationId)
    .execute();
  const seen = new Map<string, number>();
  for (const row of rows)
    seen.set(row.channel_message_id ?? "", (seen.get(row.channel_message_id ?? "") ?? 0) + 1);
  const missing = ids.filter((id) => !seen.has(id)).length;
  const doubled = [...seen.values()].filter((count) => count > 1).length;
  const logRows = await db.db
    .selectFrom("webhook_logs")
    .select(({ fn }) => ["status", fn.countAll<string>().as("count")])
    .where("organization_id", "=", organizationId)
    .groupBy("status")
    .execute();
  const logs = Object.fromEntries(logRows.map((row) => [row.status, Number(row.count)]));
  const extra = rows.length - ids.length;
  return { ok: missing === 0 && doubled === 0 && extra === 0, missing, doubled, logs };
}

async function runBaseline(databaseUrl: string, db: Db, webhooks: PreparedRequest[]): Promise<LoadResult> {
  const organization = await db.db
    .insertInto("organizations")
    .values({ name: "Baseline", slug: `baseline-${randomBytes(4).toString("hex")}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const integration = await db.db
    .insertInto("integrations")
    .values({ organization_id: organization.id, channel: "whatsapp", config: JSON.stringify({}) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const port = await freePort();
  const server = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./baseline-server.ts", import.meta.url))],
    {
      env: {
        PATH: settings.PATH ?? "",
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_MAX: String(poolMax),
        PORT: String(port),
        BASELINE_ORGANIZATION_ID: organization.id,
        BASELINE_INTEGRATION_ID: integration.id,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  cleanups.push(() => stopChild(server));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i += 1) {
    if (
      await fetch(`${baseUrl}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  const requests = webhooks.map((webhook) => ({ ...webhook, path: "/baseline" }));
  await runLoad(baseUrl, requests.slice(0, warmup), concurrency);
  return runLoad(baseUrl, requests.slice(warmup), concurrency);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  return exited;
}

const throughput = (result: LoadResult) => (result.accepted / result.elapsedMs) * 1000;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function report(api: LoadResult, storedAfterMs: number, check: StoredCheck, baseline: LoadResult) {
  const rows = [
    ["", "API /webhooks/whatsapp", "baseline (one INSERT)"],
    ["accepted", `${api.accepted}/${total}`, `${baseline.accepted}/${total}`],
    ["accepted/s", throughput(api).toFixed(0), throughput(baseline).toFixed(0)],
    ["p50 accept latency", ms(percentile(api.latenciesMs, 50)), ms(percentile(baseline.latenciesMs, 50))],
    ["p99 accept latency", ms(percentile(api.latenciesMs, 99)), ms(percentile(baseline.latenciesMs, 99))],
  ];
  const width = [20, 24, 24];
  log("");
  for (const row of rows) log(row.map((cell, i) => cell.padEnd(width[i] ?? 20)).join(" "));
  if (Object.keys(api.rejected).length > 0) log(`rejected by the API: ${JSON.stringify(api.rejected)}`);
  log("");
  log(`all ${total + warmup} messages stored ${(storedAfterMs / 1000).toFixed(1)} s after the burst started`);
  log(
    `  (${((total + warmup) / (storedAfterMs / 1000)).toFixed(0)} messages/s end to end, one worker process)`,
  );
  log(`missing: ${check.missing}, doubled: ${check.doubled}, webhook logs: ${JSON.stringify(check.logs)}`);
  const ratio = throughput(api) / throughput(baseline);
  log(`accept throughput ratio API/baseline: ${ratio.toFixed(2)} (target >= ${target})`);
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
}
log(ok ? "PASS" : "FAIL");
process.exit(ok ? 0 : 1);
