import { describe, expect, it } from "vitest";
import {
  newImportPreviewMemory,
  previewBatchMemory,
  previewedContacts,
  previewedRows,
  previewRowsToStore,
  rememberPreviewBatch,
} from "./import-preview";
import type { ImportRowResult } from "./model";

const row = (rowNumber: number, outcome: ImportRowResult["outcome"], contactId: string | null) => ({
  rowNumber,
  outcome,
  reason: null,
  reasons: [],
  warnings: [],
  contactId,
});

describe("what a preview remembers from one batch to the next", () => {
  const remembered = () => {
    const memory = newImportPreviewMemory();
    rememberPreviewBatch(
      memory,
      previewBatchMemory(
        [
          { id: "new", phone: "+5511911111111", email: "new@example.com" },
          { id: "bruno", phone: "+5511922222222", email: "maria@example.com" },
        ],
        [
          row(1, "created", "new"),
          row(2, "updated", "bruno"),
          row(3, "skipped", "new"),
          row(4, "error", null),
          row(5, "skipped", "carla"),
        ],
      ),
    );
    return memory;
  };

  it("keeps the first row that wrote each contact, not the rows that skipped one", () => {
    const memory = remembered();
    expect(memory.rows).toEqual(
      new Map([
        ["new", 1],
        ["bruno", 2],
      ]),
    );
    expect([...memory.created]).toEqual(["new"]);
    expect(previewedRows(memory, ["bruno", "carla", "new"])).toEqual(
      new Map([
        ["bruno", 2],
        ["new", 1],
      ]),
    );
  });

  it("rebuilds the same memory from a batch kept as JSON, as a resumed run reads it", () => {
    const kept = previewBatchMemory(
      [{ id: "new", phone: null, email: "new@example.com" }],
      [row(1, "created", "new"), row(2, "error", null)],
    );
    const memory = newImportPreviewMemory();
    rememberPreviewBatch(memory, JSON.parse(JSON.stringify(kept)));
    expect(kept.rows).toEqual([{ rowNumber: 1, outcome: "created", contactId: "new" }]);
    expect(memory.contacts.get("new")).toEqual({ id: "new", phone: null, email: "new@example.com" });
    expect([...memory.created]).toEqual(["new"]);
    expect(memory.rows).toEqual(new Map([["new", 1]]));
  });

  it("matches stored contacts as the earlier batches would have left them, and the contacts they would create", () => {
    const memory = remembered();
    const stored = [
      // the database still holds Bruno's old email, which the preview's update took away
      { id: "bruno", phone: "+5511922222222", email: "bruno@example.com" },
      { id: "carla", phone: null, email: "carla@example.com" },
    ];
    const known = previewedContacts(stored, memory, {
      phones: [],
      emails: ["bruno@example.com", "carla@example.com", "new@example.com"],
      ids: [],
    });
    expect(known).toEqual([
      { id: "bruno", phone: "+5511922222222", email: "maria@example.com" },
      { id: "carla", phone: null, email: "carla@example.com" },
      { id: "new", phone: "+5511911111111", email: "new@example.com" },
    ]);
    expect(previewedContacts([], memory, { phones: ["+5511900000000"], emails: [], ids: [] })).toEqual([]);
    expect(previewedContacts([], memory, { phones: [], emails: [], ids: ["new"] })).toHaveLength(1);
  });

  it("stores no id of a contact the preview would create, in this batch or an earlier one", () => {
    const memory = remembered();
    const stored = previewRowsToStore(
      [
        row(6, "created", "later"),
        row(7, "skipped", "later"),
        row(8, "skipped", "new"),
        row(9, "updated", "carla"),
      ],
      memory,
      new Map([["later", {}]]),
    );
    expect(stored.map((r) => r.contactId)).toEqual([null, null, null, "carla"]);
  });
});
