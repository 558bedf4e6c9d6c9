import { type ChildProcess, spawn } from "node:child_process";

export interface Spawned {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** A TypeScript entry point in a process of its own; resolves once its output matches `ready`. */
export async function spawnScript(
  file: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<Spawned & { match: RegExpMatchArray }> {
  const child = spawn(process.execPath, ["--import", "tsx", file], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${file} did not start:\n${output}`));
    }, 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${file} exited (${code}):\n${output}`)));
  });
  return {
    child,
    match,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}
