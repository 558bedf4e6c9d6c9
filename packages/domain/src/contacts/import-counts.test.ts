import { describe, expect, it } from "vitest";
import { countRows } from "./import-counts";
import { skipUnchangedContact } from "./import-plan";
import { importReason } from "./import-reasons";
import type { ImportRowResult } from "./model";

const row = (rowNumber: number, outcome: ImportRowResult["outcome"], contactId: string | null) => ({
  rowNumber,
  outcome,
  reason: null,
  reasons: [],
  warnings: [],
  contactId,
});

describe("an import batch's counts", () => {
  it("counts the updates that changed nothing as unchanged, apart from the skipped duplicates", () => {
    const rows: ImportRowResult[] = [
      row(1, "created", "c1"),
      row(2, "updated", "c2"),
      row(3, "updated", "c3"),
      row(4, "updated", "c3"),
      { ...row(5, "skipped", "c4"), reasons: [importReason("duplicate", { by: "email" })] },
      { ...row(6, "error", null), reasons: [importReason("invalid_email")] },
    ];
    skipUnchangedContact(rows, "c3");

    expect(rows.map((result) => result.outcome)).toEqual([
      "created",
      "updated",
      "unchanged",
      "unchanged",
      "skipped",
      "error",
    ]);
    expect(countRows(rows)).toEqual({
      processed: 6,
      created: 1,
      updated: 1,
      skipped: 1,
      unchanged: 2,
      failed: 1,
    });
  });

  it("counts nothing as unchanged in a batch that skips its duplicates", () => {
    const duplicate = { ...row(1, "skipped", "c1"), reasons: [importReason("duplicate", { by: "phone" })] };
    expect(countRows([duplicate, { ...duplicate, rowNumber: 2 }])).toMatchObject({
      skipped: 2,
      unchanged: 0,
    });
  });
});
