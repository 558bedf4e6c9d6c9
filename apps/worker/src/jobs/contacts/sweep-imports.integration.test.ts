import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@crm/db";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { createTestDatabase } from "@crm/db/testing/test-database";
import type { ContactImportJob, ContactsDeps } from "@crm/domain";
import { importStaleAfterMs } from "@crm/domain/contacts/import-sweep";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBatchSize, importContacts } from "./import-contacts";
import { contactsCsv, dyingAfterFirstBatch, importOrganization } from "./import-fixtures";
import { sweepImportsJob } from "./sweep-imports";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const rowsOfCsv = (count: number, first = 0) => contactsCsv(count, 60_000_000 + first);

/** An organization, contacts deps whose clock the test moves, and a queue that records what is enqueued. */
async function setup() {
  const { db } = database;
  const { organizationId, count } = await importOrganization(db, "sweep");
  const clock = { at: new Date() };
  const enqueued: Array<{ payload: ContactImportJob; jobId: string | undefined }> = [];
  const deps: ContactsDeps = {
    store: createContactsStore(db),
    clock: { now: () => clock.at },
    queue: {
      enqueue: async (queue, payload, options) => {
        if (queue === "contacts-import")
          enqueued.push({ payload: payload as ContactImportJob, jobId: options?.jobId });
      },
    },
    events: { publish: async () => {} },
    newId: randomUUID,
  };
  const startImport = async (csv: string) =>
    (
      await deps.store.imports.create({
        organizationId,
        csv,
        onDuplicate: "skip",
        createdBy: null,
      })
    ).id;
  return { deps, clock, enqueued, startImport, count };
}

const job = { id: "job", attempt: 1 };
const later = (ms: number) => new Date(Date.now() + ms);

describe("the contacts-import sweep", () => {
  it("re-enqueues an import left running by a dead worker, which then resumes without duplicating rows", async () => {
    const total = importBatchSize * 2 + 17;
    const { deps, clock, enqueued, startImport, count } = await setup();
    const logger = createRecordingLogger();
    const importId = await startImport(rowsOfCsv(total));
    await expect(
      importContacts({ contacts: dyingAfterFirstBatch(deps), logger }, { importId }, job),
    ).rejects.toThrow("worker killed");
    expect(await deps.store.imports.findByIdAnyOrganization(importId)).toMatchObject({
      status: "running",
      processed: importBatchSize,
    });

    // still fresh: a live run could be between two batches
    await sweepImportsJob({ contacts: deps, logger });
    expect(enqueued.filter((e) => e.payload.importId === importId)).toEqual([]);

    clock.at = later(importStaleAfterMs + 1000);
    await sweepImportsJob({ contacts: deps, logger });
    const requeued = enqueued.filter((e) => e.payload.importId === importId);
    expect(requeued).toHaveLength(1);
    // not the import's usual job id: the lost job may still be kept in the queue's failed set under it
    expect(requeued[0]?.jobId).not.toBe(`contacts-import-${importId}`);

    // claimed: the next sweep leaves it to the job just enqueued
    await sweepImportsJob({ contacts: deps, logger });
    expect(enqueued.filter((e) => e.payload.importId === importId)).toHaveLength(1);

    await importContacts({ contacts: deps, logger }, { importId }, job);
    expect(await deps.store.imports.findByIdAnyOrganization(importId)).toMatchObject({
      status: "completed",
      processed: total,
      created: total,
      failed: 0,
    });
    expect(await count("contacts")).toBe(total);
    expect(await count("contact_import_rows")).toBe(total);
  });

  it("re-enqueues a queued import whose job never ran, and leaves finished ones alone", async () => {
    const { deps, clock, enqueued, startImport, count } = await setup();
    const logger = createRecordingLogger();
    const queued = await startImport(rowsOfCsv(3));
    const finished = await startImport(rowsOfCsv(2, 100));
    await importContacts({ contacts: deps, logger }, { importId: finished }, job);
    expect(await count("contacts")).toBe(2);

    clock.at = later(importStaleAfterMs + 1000);
    await sweepImportsJob({ contacts: deps, logger });
    const ids = enqueued.map((e) => e.payload.importId);
    expect(ids).toContain(queued);
    expect(ids).not.toContain(finished);

    await importContacts({ contacts: deps, logger }, { importId: queued }, job);
    expect(await deps.store.imports.findByIdAnyOrganization(queued)).toMatchObject({
      status: "completed",
      created: 3,
    });
    expect(await count("contacts")).toBe(5);
  });
});
