import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ShardCommand, ShardReply } from "./client-shard";

export interface ShardResult {
  latencies: Float64Array;
  sentAts: Float64Array;
  sincePublished: Float64Array;
  deliveries: number;
  duplicates: number;
  frames: number;
  sample: string;
}

/** The benchmark's clients, split over `shards` processes. */
export async function openShards(options: {
  shards: number;
  clients: number;
  mode: "realtime" | "bare";
  url: string;
  token?: string;
}) {
  const file = fileURLToPath(new URL("./client-shard.ts", import.meta.url));
  const children: ChildProcess[] = Array.from({ length: options.shards }, () =>
    fork(file, [], { execArgv: ["--import", "tsx"], serialization: "advanced", stdio: "inherit" }),
  );
  const ask = (child: ChildProcess, command: ShardCommand, expect: ShardReply["kind"]) =>
    new Promise<ShardReply>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`client shard exited (${code})`));
      const onMessage = (message: ShardReply) => {
        if (message.kind !== expect) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message);
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
      child.send(command);
    });
  const perShard = (index: number) =>
    Math.floor(options.clients / options.shards) + (index < options.clients % options.shards ? 1 : 0);

  await Promise.all(
    children.map((child, index) =>
      ask(
        child,
        {
          kind: "open",
          mode: options.mode,
          url: options.url,
          token: options.token ?? "",
          count: perShard(index),
        },
        "opened",
      ),
    ),
  );

  return {
    async progress(): Promise<{ deliveries: number; frames: number }> {
      const replies = await Promise.all(
        children.map((child) => ask(child, { kind: "progress" }, "progress")),
      );
      let deliveries = 0;
      let frames = 0;
      for (const reply of replies) {
        if (reply.kind !== "progress") continue;
        deliveries += reply.deliveries;
        frames += reply.frames;
      }
      return { deliveries, frames };
    },
    async collect(sentAt: Map<string, number>): Promise<ShardResult> {
      const replies = await Promise.all(
        children.map((child) => ask(child, { kind: "collect", sentAt }, "result")),
      );
      const results = replies.flatMap((reply) => (reply.kind === "result" ? [reply] : []));
      const joined = (pick: (result: ShardResult) => Float64Array) => {
        const all = new Float64Array(results.reduce((sum, r) => sum + pick(r).length, 0));
        let offset = 0;
        for (const result of results) {
          all.set(pick(result), offset);
          offset += pick(result).length;
        }
        return all;
      };
      return {
        latencies: joined((r) => r.latencies),
        sentAts: joined((r) => r.sentAts),
        sincePublished: joined((r) => r.sincePublished),
        deliveries: results.reduce((sum, r) => sum + r.deliveries, 0),
        duplicates: results.reduce((sum, r) => sum + r.duplicates, 0),
        frames: results.reduce((sum, r) => sum + r.frames, 0),
        sample: results.find((r) => r.sample)?.sample ?? "",
      };
    },
    async close(): Promise<void> {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once("exit", () => resolve());
              child.send({ kind: "close" } satisfies ShardCommand);
              setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
            }),
        ),
      );
    },
  };
}
