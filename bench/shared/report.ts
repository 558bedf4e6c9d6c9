import type { LatencyStats } from "./measure";

export const targetP95Ms = 50;

/** The columns of `latencyRow`: HTTP against SQL, p50 and p95, their ratios and the p95 target. */
export const latencyHeader = [
  "scenario",
  "HTTP p50",
  "HTTP p95",
  "SQL p50",
  "SQL p95",
  "p50 ratio",
  "p95 ratio",
  `p95 < ${targetP95Ms} ms`,
];

const ms = (value: number) => value.toFixed(1);

export function latencyRow(name: string, http: LatencyStats, sql: LatencyStats): string[] {
  return [
    name,
    ms(http.p50),
    ms(http.p95),
    ms(sql.p50),
    ms(sql.p95),
    `${(http.p50 / sql.p50).toFixed(2)}x`,
    `${(http.p95 / sql.p95).toFixed(2)}x`,
    http.p95 < targetP95Ms ? "yes" : "NO",
  ];
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((r) => (r[column] ?? "").length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(`\n${line(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

/** The bare HTTP server's columns (see `bare-http-server.ts`): what any HTTP server over the same SQL pays. */
export const bareHeader = ["bare p50", "bare p95", "bare/SQL p95", "API/bare p95"];

export function bareColumns(http: LatencyStats, bare: LatencyStats, sql: LatencyStats): string[] {
  return [
    ms(bare.p50),
    ms(bare.p95),
    `${(bare.p95 / sql.p95).toFixed(2)}x`,
    `${(http.p95 / bare.p95).toFixed(2)}x`,
  ];
}
