import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childProcessEnv } from "@crm/runtime/testing/env";

/*
 * The product as separate processes, for the ingestion tests that kill things and for the benchmark:
 * a private redis-server (never the shared one), the API and the worker started with `tsx` like `npm start`.
 */

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
    server.on("error", reject);
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  process: ManagedProcess,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && process.running()) {
    if (await check()) return;
    await sleep(100);
  }
  const reason = process.running() ? `not within ${timeoutMs} ms` : "the process exited";
  throw new Error(`${what} did not happen: ${reason}\n${process.output().slice(-4000)}`);
}

export interface ManagedProcess {
  readonly pid: number | undefined;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  running(): boolean;
  /** Sends the signal and waits for the exit; answers the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function manage(child: ChildProcess): ManagedProcess {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    pid: child.pid,
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

const ping = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" }, () => socket.write("PING\r\n"));
    socket.setTimeout(1000, () => socket.destroy());
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });

/** Whether a redis-server binary is on PATH: the process tests start their own (never the shared one). */
export const redisServerInstalled = (): boolean =>
  spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

export interface PrivateRedis {
  url: string;
  /** Starts (or restarts, empty: nothing is persisted) the server on the same port. */
  start(): Promise<void>;
  /** Stops the server; every job it held is lost. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** A redis-server of our own on a free port, without persistence. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "crm-redis-"));
  let server: ManagedProcess | undefined;
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
      server = manage(spawn("redis-server", [...args, "--dir", dir, "--daemonize", "no"], { stdio: "pipe" }));
      const started = server;
      await until("redis-server start", () => ping(port), 10_000, started);
    },
    async stop() {
      await server?.stop("SIGKILL");
      server = undefined;
    },
    async close() {
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}

const appEntry = (app: "api" | "worker") =>
  fileURLToPath(new URL(`../../../../${app}/src/main.ts`, import.meta.url));

function spawnApp(
  app: "api" | "worker",
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): ManagedProcess {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", appEntry(app)], {
    env: childProcessEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  return manage(child);
}

export interface ApiProcess extends ManagedProcess {
  baseUrl: string;
}

/** The API alone (EMBEDDED_WORKER=false: its jobs go to the worker), once it answers /health. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const api = spawnApp("api", {
    PORT: String(port),
    HOST: "127.0.0.1",
    SEED_DEMO: "false",
    EMBEDDED_WORKER: "false",
    LOG_LEVEL: "warn",
    ...env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const healthy = () =>
    fetch(`${baseUrl}/health`).then(
      (response) => response.ok,
      () => false,
    );
  try {
    await until("API start", healthy, 120_000, api);
  } catch (error) {
    await api.stop("SIGKILL");
    throw error;
  }
  return { ...api, baseUrl };
}

/** A worker process, once it logged that it started (its BullMQ workers and the sweep schedule are up). */
/** `nodeArgs`, e.g. `--cpu-prof`, go to node before the worker's entry. */
export async function startWorkerProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<ManagedProcess> {
  const worker = spawnApp("worker", { LOG_LEVEL: "info", ...env }, nodeArgs);
  try {
    await until(
      "worker start",
      async () => worker.output().includes('"msg":"worker started"'),
      120_000,
      worker,
    );
  } catch (error) {
    await worker.stop("SIGKILL");
    throw error;
  }
  return worker;
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at a time; answers their results in order. */
export async function runConcurrently<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const index = next;
      next += 1;
      results[index] = await task(index);
    }
  });
  await Promise.all(lanes);
  return results;
}
