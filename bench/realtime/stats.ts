export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Percentiles of latencies in milliseconds (sorts the array in place). */
export function latencyOf(values: Float64Array): Latency {
  values.sort();
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN;
  return { count: values.length, p50: at(0.5), p99: at(0.99), max: values[values.length - 1] ?? Number.NaN };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** p50/p99 of the latencies of what was sent in each `windowMs` from `from` (BENCH_TIMELINE). */
export function timelineOf(
  latencies: Float64Array,
  sentAts: Float64Array,
  from: number,
  windowMs: number,
): Array<{ second: number } & Latency> {
  const windows = new Map<number, number[]>();
  latencies.forEach((latency, index) => {
    const window = Math.floor(((sentAts[index] ?? from) - from) / windowMs);
    const list = windows.get(window) ?? [];
    list.push(latency);
    windows.set(window, list);
  });
  return [...windows]
    .sort(([a], [b]) => a - b)
    .map(([window, list]) => ({ second: (window * windowMs) / 1000, ...latencyOf(Float64Array.from(list)) }));
}
