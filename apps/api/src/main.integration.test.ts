import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childProcessEnv } from "@crm/runtime/testing/env";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

const children: ChildProcess[] = [];
const dataDirs: string[] = [];
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

/** `main.ts` with nothing configured but what `env` says, until it answers /health (or 60 s). */
async function startMain(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), "crm-embedded-"));
  dataDirs.push(dataDir);
  const port = await freePort();
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  const proc = spawn(process.execPath, ["--import", "tsx", main], {
    env: childProcessEnv({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "info", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(proc);
  let output = "";
  proc.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  proc.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });

  const deadline = Date.now() + 60_000;
  let healthy = false;
  while (!healthy && Date.now() < deadline) {
    healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (!healthy) await new Promise((r) => setTimeout(r, 250));
  }
  return { proc, port, healthy, output: () => output };
}

describe("the embedded product", () => {
  it("starts with nothing configured, seeds a demo login with CRM data, and stops cleanly on SIGTERM, telling clients to reconnect", async () => {
    const { proc, port, healthy, output } = await startMain();
    expect(healthy, output()).toBe(true);
    expect(output()).toContain('"database":"pglite"');

    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "demo@crm.local", password: "demo-password-123" }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    // something to look at: contacts, and open deals on the default pipeline's board, counted and summed in BRL
    const contacts = await get<{ items: Array<{ name: string; phone: string | null }> }>(
      "/contacts?limit=100",
    );
    expect(contacts.items).toHaveLength(6);
    expect(contacts.items.map((contact) => contact.phone)).toContain("+5511987654321");
    const pipelines = await get<{ items: Array<{ id: string }> }>("/pipelines");
    const board = await get<{
      columns: Array<{ count: number; totals: Array<{ amount: string; currency: string }> }>;
    }>(`/pipelines/${pipelines.items[0]?.id}/board`);
    expect(board.columns.map((column) => column.count)).toEqual([2, 1, 2, 1]);
    expect(board.columns[0]?.totals).toEqual([{ amount: "1240.90", currency: "BRL", count: 2 }]);

    // a realtime client is told to reconnect (to another replica) before the process stops
    const socket = new WebSocket(`ws://127.0.0.1:${port}/trpc-ws`);
    const messages: unknown[] = [];
    socket.on("message", (data: Buffer) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    const socketClosed = new Promise((resolve) => socket.once("close", resolve));

    const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
    proc.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output()).toContain("stopped");
    await socketClosed;
    expect(messages).toContainEqual({ id: null, method: "reconnect" });
  }, 90_000);

  it("with WEBSOCKETS=false serves HTTP and webhooks but no realtime socket, and stops cleanly", async () => {
    const { proc, port, healthy, output } = await startMain({ WEBSOCKETS: "false", SEED_DEMO: "false" });
    expect(healthy, output()).toBe(true);
    expect(output()).toContain('"websockets":false');
    // a webhook for no integration of ours: answered by the intake, not dropped with the connection
    const webhook = await fetch(
      `http://127.0.0.1:${port}/webhooks/telegram/00000000-0000-4000-8000-000000000000`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      },
    );
    expect(webhook.status).toBe(404);

    const socket = new WebSocket(`ws://127.0.0.1:${port}/trpc-ws`);
    const refused = await new Promise<boolean>((resolve) => {
      socket.once("open", () => resolve(false));
      socket.once("error", () => resolve(true));
    });
    expect(refused).toBe(true);

    const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
    proc.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 90_000);
});
