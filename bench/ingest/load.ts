import { Agent, request } from "node:http";

export interface LoadResult {
  /** Requests answered 2xx. */
  accepted: number;
  /** Status codes of the others (or "error"), with their counts. */
  rejected: Record<string, number>;
  elapsedMs: number;
  /** Per request, milliseconds from sending to the end of the answer. */
  latenciesMs: number[];
}

export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

function send(agent: Agent, url: URL, prepared: PreparedRequest): Promise<number | "error"> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: "POST",
        path: prepared.path,
        headers: { ...prepared.headers, "content-length": Buffer.byteLength(prepared.body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve("error"));
      },
    );
    req.on("error", () => resolve("error"));
    req.end(prepared.body);
  });
}

/** Sends every request, `concurrency` at a time over kept-alive connections. */
export async function runLoad(
  baseUrl: string,
  requests: PreparedRequest[],
  concurrency: number,
): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  const rejected: Record<string, number> = {};
  let accepted = 0;
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < requests.length) {
      const prepared = requests[next];
      next += 1;
      if (!prepared) break;
      const sentAt = performance.now();
      const status = await send(agent, url, prepared);
      latenciesMs.push(performance.now() - sentAt);
      if (typeof status === "number" && status >= 200 && status < 300) accepted += 1;
      else rejected[String(status)] = (rejected[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { accepted, rejected, elapsedMs, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  const sorted = values.toSorted((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}
