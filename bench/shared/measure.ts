export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  mean: number;
  perSecond: number;
}

export interface LoadOptions {
  requests: number;
  concurrency: number;
  /** Untimed runs first (connections, JIT, caches). */
  warmup: number;
}

/** Runs `operation` `requests` times from `concurrency` loops at once; latencies in milliseconds. */
export async function measure(
  operation: (index: number) => Promise<void>,
  options: LoadOptions,
): Promise<LatencyStats> {
  await runLoops(operation, options.warmup, options.concurrency, () => {});
  const latencies: number[] = [];
  const started = performance.now();
  await runLoops(operation, options.requests, options.concurrency, (ms) => latencies.push(ms));
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    mean: latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length,
    perSecond: (latencies.length / elapsed) * 1000,
  };
}

async function runLoops(
  operation: (index: number) => Promise<void>,
  total: number,
  concurrency: number,
  record: (ms: number) => void,
): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < total) {
      const index = next;
      next += 1;
      const start = performance.now();
      await operation(index);
      record(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)] ?? Number.NaN;
}
