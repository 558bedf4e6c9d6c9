import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
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
import { processCpuMs } from "../shared/process-cpu";
import { type LoadResult, type PreparedRequest, percentile, runLoad } from "./load";

/*
 * npm run bench:ingest — signed WhatsApp webhooks against the API (its own process) with a worker process,
 * on Postgres and a private Redis, taking turns with a bare Hono route doing one INSERT with a pool of the
 * same size (the baseline). Prints accept throughput and latency of both, the time until every message is
 * stored, whether any is missing or doubled, and the throughput ratio API/baseline.
 */

/** The only reader of the environment here. */
const settings: Record<string, string | undefined> = process.env;

const total = Number(settings.BENCH_WEBHOOKS ?? 20_000);
const concurrency = Number(settings.BENCH_CONCURRENCY ?? 64);
const warmup = Number(settings.BENCH_WARMUP ?? 500);
/** A diagnostic: the intake's own cost, measured again with the worker paused (SIGSTOP). */
const paused = Number(settings.BENCH_PAUSED_WEBHOOKS ?? 5000);
const rounds = 10;
const senders = 2000;
const poolMax = 20;
const adminUrl = settings.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const target = 0.7;
/** e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the worker */
const workerNodeArgs = settings.BENCH_WORKER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];

const cleanups: Array<() => Promise<unknown>> = [];
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<boolean> {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  log(
    `ingest bench: ${total} webhooks at concurrency ${concurrency}, in ${rounds} rounds alternating with the baseline`,
  );
  log(`${cpus().length} CPUs, load average ${load} at start`);
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
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(poolMax),
    REDIS_URL: redis.url,
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    WHATSAPP_API_BASE: whatsapp.apiBase,
  };
  const api = await startApiProcess({ ...env, LOG_LEVEL: "error" });
  cleanups.push(() => api.stop());
  const worker = await startWorkerProcess(env, workerNodeArgs);
  cleanups.push(() => worker.stop());
  const baselineUrl = await startBaseline(database.url, db);
  const { organizationId } = await connectWhatsApp(api.baseUrl, whatsapp.config);

  // signatures are the provider's work, not ours: every body is signed before the clock starts
  const ids = Array.from({ length: warmup + total + paused }, () => fakeWamid());
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
  const run = (requests: PreparedRequest[]) => alternate(api.baseUrl, baselineUrl, requests);

  await run(webhooks.slice(0, warmup));
  const pid = worker.pid ?? 0;
  const storedBefore = await countStored(db, organizationId);
  const workerCpuBefore = processCpuMs(pid);
  const startedAt = performance.now();
  const withWorker = await run(webhooks.slice(warmup, warmup + total));
  const storedAfterMs = await waitUntilStored(db, organizationId, warmup + total, startedAt);
  const workerCpu = { ms: processCpuMs(pid) - workerCpuBefore, messages: warmup + total - storedBefore };

  process.kill(pid, "SIGSTOP");
  const workerPaused = await run(webhooks.slice(warmup + total)).finally(() => process.kill(pid, "SIGCONT"));
  await waitUntilStored(db, organizationId, ids.length, startedAt);
  const check = await checkStored(db, organizationId, ids);

  report({ withWorker, workerPaused, storedAfterMs, workerCpu, check });
  return check.ok && withWorker.api.accepted === total && ratio(withWorker) >= target;
}

interface Comparison {
  api: LoadResult;
  baseline: LoadResult;
}

/**
 * The machine is shared and its load drifts, so the API and the baseline take turns in rounds: both see
 * the same conditions, including the worker processing what the API accepted.
 */
async function alternate(
  apiUrl: string,
  baselineUrl: string,
  requests: PreparedRequest[],
): Promise<Comparison> {
  const size = Math.ceil(requests.length / rounds);
  const api: LoadResult[] = [];
  const baseline: LoadResult[] = [];
  for (let start = 0; start < requests.length; start += size) {
    const chunk = requests.slice(start, start + size);
    api.push(await runLoad(apiUrl, chunk, concurrency));
    baseline.push(
      await runLoad(
        baselineUrl,
        chunk.map((request) => ({ ...request, path: "/baseline" })),
        concurrency,
      ),
    );
  }
  return { api: merge(api), baseline: merge(baseline) };
}

function merge(results: LoadResult[]): LoadResult {
  const rejected: Record<string, number> = {};
  for (const result of results) {
    for (const [status, count] of Object.entries(result.rejected))
      rejected[status] = (rejected[status] ?? 0) + count;
  }
  return {
    accepted: results.reduce((sum, result) => sum + result.accepted, 0),
    rejected,
    elapsedMs: results.reduce((sum, result) => sum + result.elapsedMs, 0),
    latenciesMs: results.flatMap((result) => result.latenciesMs),
  };
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
  if (created.status !== 201) throw new Error(`creating the integration answered ${created.status}`);
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

/** The baseline server, on a tenant of its own in the same database, with a pool of the API's size. */
async function startBaseline(databaseUrl: string, db: Db): Promise<string> {
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
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  cleanups.push(() => stopChild(server));
  const baseUrl = `http://127.0.0.1:${port}`;
  const healthy = () =>
    fetch(`${baseUrl}/health`).then(
      (response) => response.ok,
      () => false,
    );
  for (let i = 0; i < 600 && !(await healthy()); i += 1) await sleep(100);
  return baseUrl;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  return exited;
}

const throughput = (result: LoadResult) => (result.accepted / result.elapsedMs) * 1000;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function report(results: {
  withWorker: Comparison;
  workerPaused: Comparison;
  storedAfterMs: number;
  /** the worker's CPU time while it stored these messages (the burst's, and what the warm-up left) */
  workerCpu: { ms: number; messages: number };
  check: StoredCheck;
}) {
  const { withWorker, workerPaused, storedAfterMs, workerCpu, check } = results;
  const columns = [
    ["API", withWorker.api, total],
    ["baseline (1 INSERT)", withWorker.baseline, total],
    ["API, worker paused", workerPaused.api, paused],
    ["baseline, paused", workerPaused.baseline, paused],
  ] as const;
  const row = (label: string, cell: (result: LoadResult, count: number) => string) =>
    log([label.padEnd(20), ...columns.map(([, result, count]) => cell(result, count).padEnd(21))].join(" "));
  log("");
  log(["".padEnd(20), ...columns.map(([name]) => name.padEnd(21))].join(" "));
  row("accepted", (result, count) => `${result.accepted}/${count}`);
  row("accepted/s", (result) => throughput(result).toFixed(0));
  row("p50 accept latency", (result) => ms(percentile(result.latenciesMs, 50)));
  row("p99 accept latency", (result) => ms(percentile(result.latenciesMs, 99)));
  for (const [name, result] of columns) {
    if (Object.keys(result.rejected).length > 0)
      log(`rejected (${name}): ${JSON.stringify(result.rejected)}`);
  }
  log("");
  log(`all ${warmup + total} messages stored ${(storedAfterMs / 1000).toFixed(1)} s after the burst started`);
  log(
    `  (${((warmup + total) / (storedAfterMs / 1000)).toFixed(0)} messages/s end to end, one worker process)`,
  );
  log(
    `worker CPU per stored message: ${(workerCpu.ms / workerCpu.messages).toFixed(2)} ms (${workerCpu.messages} messages)`,
  );
  log(`missing: ${check.missing}, doubled: ${check.doubled}, webhook logs: ${JSON.stringify(check.logs)}`);
  log(`accept throughput ratio API/baseline: ${ratio(withWorker).toFixed(2)} (target >= ${target})`);
  log(`  with the worker paused: ${ratio(workerPaused).toFixed(2)}`);
}

const ratio = ({ api, baseline }: Comparison) => throughput(api) / throughput(baseline);

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
