import type { LatencyStats } from "../shared/measure";
import { latencyHeader, latencyRow } from "../shared/report";

export const targetRatio = 1.5;

export const tableHeader = [...latencyHeader, `ratio <= ${targetRatio}`];

/** The shared latency row, plus whether both ratios meet the target. */
export function resultRow(name: string, http: LatencyStats, sql: LatencyStats): string[] {
  const withinRatio = http.p50 / sql.p50 <= targetRatio && http.p95 / sql.p95 <= targetRatio;
  return [...latencyRow(name, http, sql), withinRatio ? "yes" : "NO"];
}
