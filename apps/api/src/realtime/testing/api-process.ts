import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { childProcessEnv } from "@crm/runtime/testing/env";

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

/**
 * The same Redis in a database of its own (by process id): spawned replicas have no key prefix, and BullMQ
 * workers of other runs on the shared Redis would otherwise take their jobs.
 */
export function isolatedRedisUrl(url: string): string {
  const isolated = new URL(url);
  isolated.pathname = `/${1 + (process.pid % 15)}`;
  return isolated.toString();
}

export interface ApiProcess {
  baseUrl: string;
  pid: number | undefined;
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  kill(): void;
}

/** `apps/api/src/main.ts` in a process of its own, as a replica runs in production. */
export async function startApiProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ApiProcess> {
  const port = await freePort();
  const main = fileURLToPath(new URL("../../main.ts", import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", main], {
    env: childProcessEnv({ PORT: String(port), HOST: "127.0.0.1", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API process exited early:\n${output}`);
    const ready = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`API process did not become healthy:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    baseUrl,
    pid: child.pid,
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
    kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
