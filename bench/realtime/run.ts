/**
 * Realtime benchmark: 1,000 WebSocket clients of one organization subscribed to `realtime.events` while
 * signed Telegram webhooks arrive at 100 per second for 30 seconds. Reports the fraction of new_message
 * events delivered to every client (must be 100%) and the latency from "webhook accepted" (its 200) to
 * "event received", then the same frame broadcast by a bare `ws` server to as many clients at the same rate,
 * and the ratio of the two. The clients run in separate processes (BENCH_SHARDS, default 4).
 *
 *   npm run bench:realtime                                   embedded (PGlite, in-process bus and worker)
 *   DATABASE_URL=... REDIS_URL=... npm run bench:realtime    Postgres + Redis, API and worker processes
 *
 * The measured seconds follow BENCH_WARMUP_SECONDS (default 5) of the same load, whose messages are delivered
 * and checked too, their latencies reported apart: every process has just started. BENCH_CLIENTS, BENCH_RATE
 * (webhooks/s) and BENCH_SECONDS change the load; BENCH_TIMELINE=1 prints the latency per 5 s of sending.
 * BENCH_INTAKE=separate posts the webhooks to a second API process started with WEBSOCKETS=false (with Postgres
 * and Redis), as a deployment whose webhook intake runs on replicas that hold no sockets.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ApiProcess, isolatedRedisUrl, startApiProcess } from "@crm/api/realtime/testing/api-process";
import { createFromTemplate, dropDatabase, ensureTemplate } from "@crm/db/testing/postgres-template";
import { postWebhook, startFakeTelegram, telegramTextUpdate } from "@crm/integrations/testing";
import { type Spawned, spawnScript } from "../shared/processes";
import { openBareClient } from "./clients";
import { openShards } from "./shards";
import { latencyOf, ms, timelineOf } from "./stats";

const settings: Record<string, string | undefined> = process.env;
const clientCount = Number(settings.BENCH_CLIENTS ?? 1000);
const rate = Number(settings.BENCH_RATE ?? 100);
const seconds = Number(settings.BENCH_SECONDS ?? 30);
/**
 * Sent at the same rate before the measured seconds (processes just started: code not yet optimized, pools
 * and caches empty); delivered and checked like the rest, their latencies reported apart.
 */
const warmupSeconds = Number(settings.BENCH_WARMUP_SECONDS ?? 5);
const shardCount = Number(settings.BENCH_SHARDS ?? 4);
const chats = 10;
/** After the last send, wait for deliveries while they keep coming, at most this long without one. */
const quietTimeoutMs = 30_000;
const databaseUrl = settings.DATABASE_URL;
const redisUrl = settings.REDIS_URL;
const services = Boolean(databaseUrl && redisUrl);
const separateIntake = services && settings.BENCH_INTAKE === "separate";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const wallClock = () => performance.timeOrigin + performance.now();

/** Sends `total` at `perSecond`, on schedule (not waiting for answers), and waits for the last answer. */
async function paced(
  total: number,
  perSecond: number,
  send: (index: number) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(send(index));
  }
  await Promise.all(pending);
}

/** Waits until `expected` deliveries, or until nothing arrived for `quietTimeoutMs`. */
async function drain(
  progress: () => Promise<{ deliveries: number; frames: number }>,
  expected: () => number,
) {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const { deliveries, frames } = await progress();
    if (deliveries >= expected()) return;
    if (frames !== last) {
      last = frames;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > quietTimeoutMs) {
      return;
    }
    await sleep(200);
  }
}

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function benchRealtime() {
  const telegram = await startFakeTelegram();
  const dataDir = await mkdtemp(join(tmpdir(), "crm-bench-realtime-"));
  let database: { name: string; url: string } | undefined;
  let api: ApiProcess | undefined;
  let intake: ApiProcess | undefined;
  let worker: Spawned | undefined;
  let shards: Awaited<ReturnType<typeof openShards>> | undefined;
  try {
    if (services) {
      await ensureTemplate(databaseUrl ?? "");
      database = await createFromTemplate(databaseUrl ?? "");
    }
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      WEB_DIST_DIR: "/nonexistent",
      TELEGRAM_API_BASE: telegram.apiBase,
      AUTH_RATE_LIMIT_PER_IP: "100000",
      // every client is the same owner on loopback: the per-user and per-address socket caps would refuse most
      REALTIME_CONNECTIONS_PER_USER: String(clientCount),
      REALTIME_UNAUTHENTICATED_CONNECTIONS_PER_IP: String(clientCount),
      ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      ...(database
        ? {
            DATABASE_URL: database.url,
            REDIS_URL: isolatedRedisUrl(redisUrl ?? ""),
            EMBEDDED_WORKER: "false",
          }
        : {}),
    };
    // e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the API
    api = await startApiProcess(env, settings.BENCH_API_NODE_ARGS?.split(" ").filter(Boolean) ?? []);
    const apiUrl = api.baseUrl;
    if (separateIntake) intake = await startApiProcess({ ...env, WEBSOCKETS: "false" });
    const intakeUrl = intake?.baseUrl ?? apiUrl;
    // with Redis the webhooks are ingested by the standalone worker, as in production
    if (database) {
      worker = await spawnScript(
        here("../../apps/worker/src/main.ts"),
        { ...env, LOG_LEVEL: "info" },
        /worker started/,
      );
    }
    const rest = (method: string, path: string, token: string | undefined, body?: unknown) =>
      fetch(`${apiUrl}/api/v1${path}`, {
        method,
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const owner = await json<{ token: string }>(
      await rest("POST", "/auth/register", undefined, {
        organizationName: "Bench realtime",
        name: "Owner",
        email: `bench-${Date.now()}@example.com`,
        password: "correct horse battery",
      }),
    );
    const integration = await json<{ id: string }>(
      await rest("POST", "/integrations", owner.token, {
        channel: "telegram",
        name: "Telegram",
        config: telegram.config,
      }),
    );
    const openedShards = await openShards({
      shards: shardCount,
      clients: clientCount,
      mode: "realtime",
      url: apiUrl.replace(/^http/, "ws"),
      token: owner.token,
    });
    shards = openedShards;

    const warmupCount = rate * warmupSeconds;
    const total = warmupCount + rate * seconds;
    const acceptedAt = new Map<string, number>();
    const warmupKeys = new Set<string>();
    /** From posting a webhook to its 200: how promptly the API takes webhooks while it fans events out. */
    const answeredIn: number[] = [];
    let rejected = 0;
    /** Why webhooks were not accepted: the status, or the fetch error's code. */
    const rejections = new Map<string, number>();
    const reject = (reason: string) => {
      rejected += 1;
      rejections.set(reason, (rejections.get(reason) ?? 0) + 1);
    };
    const started = performance.now();
    const startedAt = wallClock();
    await paced(total, rate, async (index) => {
      const chatId = 5_000 + (index % chats);
      const messageId = Math.floor(index / chats) + 1;
      const update = telegramTextUpdate({ chatId, messageId, text: `Mensagem ${index}` });
      const postedAt = wallClock();
      try {
        const response = await postWebhook(
          `${intakeUrl}/webhooks/telegram/${integration.id}`,
          telegram.signedWebhook(update),
        );
        await response.arrayBuffer();
        if (response.status === 200) {
          const at = wallClock();
          acceptedAt.set(`${chatId}:${messageId}`, at);
          if (index < warmupCount) warmupKeys.add(`${chatId}:${messageId}`);
          answeredIn.push(at - postedAt);
        } else reject(`HTTP ${response.status}`);
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        reject(cause?.code ?? cause?.message ?? String(error));
      }
    });
    const sendSeconds = (performance.now() - started) / 1000;
    await drain(
      () => openedShards.progress(),
      () => acceptedAt.size * clientCount,
    );

    // which message each accepted webhook became
    const conversations = await json<{ items: Array<{ id: string }> }>(
      await rest("GET", "/conversations?limit=100", owner.token),
    );
    const acceptedByMessageId = new Map<string, number>();
    const warmupByMessageId = new Map<string, number>();
    for (const conversation of conversations.items) {
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const page: {
          items: Array<{ id: string; channelMessageId: string | null }>;
          nextCursor: string | null;
        } = await json(
          await rest("GET", `/conversations/${conversation.id}/messages?limit=100${query}`, owner.token),
        );
        for (const message of page.items) {
          // Telegram's ids are "<bot>:<chat>:<message>": the chat and message name the webhook sent
          const key = message.channelMessageId?.split(":").slice(-2).join(":");
          const at = key ? acceptedAt.get(key) : undefined;
          if (at === undefined || !key) continue;
          if (warmupKeys.has(key)) warmupByMessageId.set(message.id, at);
          else acceptedByMessageId.set(message.id, at);
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    const result = await openedShards.collect(acceptedByMessageId);
    const warmup = await openedShards.collect(warmupByMessageId);
    // before latencyOf, which sorts the latencies in place
    const timeline = settings.BENCH_TIMELINE
      ? [
          ...timelineOf(warmup.latencies, warmup.sentAts, startedAt, 5000),
          ...timelineOf(result.latencies, result.sentAts, startedAt, 5000),
        ]
      : [];
    return {
      timeline,
      mode: services
        ? `Postgres + Redis, API and worker processes${separateIntake ? ", webhooks to a second API without WebSockets" : ""}`
        : "embedded (PGlite, in-process)",
      accepted: acceptedAt.size,
      rejected,
      rejections: [...rejections].map(([reason, count]) => `${reason}: ${count}`).join(", "),
      ingested: acceptedByMessageId.size + warmupByMessageId.size,
      expected: acceptedAt.size * clientCount,
      expectedIngested: (acceptedByMessageId.size + warmupByMessageId.size) * clientCount,
      delivered: result.latencies.length + warmup.latencies.length,
      warmupLatency: latencyOf(warmup.latencies),
      duplicates: result.duplicates,
      frames: result.frames,
      sendSeconds,
      answered: latencyOf(Float64Array.from(answeredIn)),
      latency: latencyOf(result.latencies),
      sincePublished: latencyOf(result.sincePublished),
      sample: result.sample,
    };
  } finally {
    await shards?.close();
    await api?.stop();
    await intake?.stop();
    await worker?.stop();
    await telegram.close();
    if (database) await dropDatabase(databaseUrl ?? "", database.name);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The same frame, `rate` per second for `seconds`, through a bare ws server to as many clients. */
async function benchBareBroadcast(payload: string) {
  const server = await spawnScript(here("./bare-broadcast-server.ts"), { PORT: "0" }, /listening (\d+)/);
  const url = `ws://127.0.0.1:${server.match[1]}`;
  let shards: Awaited<ReturnType<typeof openShards>> | undefined;
  try {
    const openedShards = await openShards({ shards: shardCount, clients: clientCount, mode: "bare", url });
    shards = openedShards;
    const publisher = await openBareClient(url, () => {});
    publisher.send("publisher");
    await sleep(200);
    const warmupCount = rate * warmupSeconds;
    const total = warmupCount + rate * seconds;
    const sentAt = new Map<string, number>();
    const warmupSentAt = new Map<string, number>();
    await paced(total, rate, async (seq) => {
      (seq < warmupCount ? warmupSentAt : sentAt).set(String(seq), wallClock());
      publisher.send(`${seq}|${payload}`);
    });
    await drain(
      () => openedShards.progress(),
      () => total * clientCount,
    );
    publisher.close();
    const result = await openedShards.collect(sentAt);
    const warmup = await openedShards.collect(warmupSentAt);
    return {
      expected: total * clientCount,
      delivered: result.latencies.length + warmup.latencies.length,
      latency: latencyOf(result.latencies),
      warmupLatency: latencyOf(warmup.latencies),
    };
  } finally {
    await shards?.close();
    await server.stop();
  }
}

const realtime = await benchRealtime();
const bare = await benchBareBroadcast(realtime.sample || JSON.stringify({ type: "new_message" }));
const fraction = realtime.expected === 0 ? 0 : realtime.delivered / realtime.expected;

console.log(
  `\nrealtime benchmark: ${clientCount} clients, ${rate} webhooks/s for ${seconds} s after ${warmupSeconds} s of warm-up (${realtime.mode})`,
);
console.log(
  `  webhooks accepted ${realtime.accepted} (rejected ${realtime.rejected}${realtime.rejected ? `: ${realtime.rejections}` : ""}) in ${realtime.sendSeconds.toFixed(1)} s, ingested ${realtime.ingested}`,
);
console.log(
  `  webhook posted -> 200  p50 ${ms(realtime.answered.p50)}  p99 ${ms(realtime.answered.p99)}  max ${ms(realtime.answered.max)}`,
);
console.log(
  `  new_message delivered ${realtime.delivered}/${realtime.expected} = ${(fraction * 100).toFixed(3)}% of accepted x clients (${realtime.delivered}/${realtime.expectedIngested} of ingested), duplicates ${realtime.duplicates}, frames received ${realtime.frames}`,
);
console.log(
  `  accepted -> received   p50 ${ms(realtime.latency.p50)}  p99 ${ms(realtime.latency.p99)}  max ${ms(realtime.latency.max)}  (warm-up: p50 ${ms(realtime.warmupLatency.p50)}  p99 ${ms(realtime.warmupLatency.p99)})`,
);
console.log(
  `  published -> received  p50 ${ms(realtime.sincePublished.p50)}  p99 ${ms(realtime.sincePublished.p99)}  (from the event's occurredAt: the realtime layer's share; warm-up included)`,
);
console.log(
  `  bare ws broadcast      p50 ${ms(bare.latency.p50)}  p99 ${ms(bare.latency.p99)}  max ${ms(bare.latency.max)}  (delivered ${bare.delivered}/${bare.expected}; warm-up: p50 ${ms(bare.warmupLatency.p50)}  p99 ${ms(bare.warmupLatency.p99)})`,
);
console.log(
  `  ratio realtime / bare  p50 ${(realtime.latency.p50 / bare.latency.p50).toFixed(2)}x  p99 ${(realtime.latency.p99 / bare.latency.p99).toFixed(2)}x`,
);
for (const window of realtime.timeline) {
  console.log(
    `  sent from ${window.second} s: accepted -> received p50 ${ms(window.p50)}  p99 ${ms(window.p99)}  max ${ms(window.max)}`,
  );
}
if (fraction < 1 || realtime.duplicates > 0) {
  console.error("FAIL: every client must receive every event exactly once");
  process.exitCode = 1;
}
