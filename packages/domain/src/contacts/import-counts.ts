import type { ImportCounts, ImportRowResult } from "./model";

export function countRows(rows: readonly ImportRowResult[]): ImportCounts {
  const counts: ImportCounts = {
    processed: rows.length,
    created: 0,
    updated: 0,
    skipped: 0,
    unchanged: 0,
    failed: 0,
  };
  for (const row of rows) {
    if (row.outcome === "created") counts.created += 1;
    else if (row.outcome === "updated") counts.updated += 1;
    else if (row.outcome === "unchanged") counts.unchanged += 1;
    else if (row.outcome === "skipped") counts.skipped += 1;
    else counts.failed += 1;
  }
  return counts;
}
