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
