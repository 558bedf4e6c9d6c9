import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@crm/db";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { createTestDatabase } from "@crm/db/testing/test-database";
import type { ContactsDeps, DomainEvent } from "@crm/domain";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBatchSize, importContacts } from "./import-contacts";
import { contactsCsv, dyingAfterFirstBatch, importOrganization } from "./import-fixtures";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const rowsOfCsv = (count: number) => contactsCsv(count, 70_000_000);

async function setup(csv: string, onDuplicate: "skip" | "update" = "skip") {
  const { db } = database;
  const { organizationId, count } = await importOrganization(db, "import");
  const events: DomainEvent[] = [];
  const deps: ContactsDeps = {
    store: createContactsStore(db),
    clock: { now: () => new Date() },
    queue: { enqueue: async () => {} },
    events: { publish: async (event) => void events.push(event) },
    newId: randomUUID,
  };
  const started = await deps.store.imports.create({
    organizationId,
    csv,
    onDuplicate,
    createdBy: null,
  });
  return { deps, importId: started.id, organizationId, events, count };
}

const job = (attempt: number) => ({ id: "job", attempt });

describe("the contacts-import job", () => {
  it("resumes after the last committed batch when a run dies halfway, writing no row twice", async () => {
    const total = importBatchSize * 2 + 17;
    const { deps, importId, count, events } = await setup(rowsOfCsv(total));
    const crashing = dyingAfterFirstBatch(deps);
    const logger = createRecordingLogger();
    await expect(importContacts({ contacts: crashing, logger }, { importId }, job(1))).rejects.toThrow(
      "worker killed",
    );
    const halfway = await deps.store.imports.findByIdAnyOrganization(importId);
    expect(halfway).toMatchObject({ status: "running", processed: importBatchSize, total });
    expect(await count("contacts")).toBe(importBatchSize);

    await importContacts({ contacts: deps, logger }, { importId }, job(2));
    const done = await deps.store.imports.findByIdAnyOrganization(importId);
    expect(done).toMatchObject({ status: "completed", processed: total, created: total, failed: 0 });
    expect(await count("contacts")).toBe(total);
    expect(await count("contact_import_rows")).toBe(total);
    expect(new Set(events.map((e) => (e.payload as { contactId: string }).contactId)).size).toBe(total);

    // a third run (a redelivered job) finds the import finished and does nothing
    await importContacts({ contacts: deps, logger }, { importId }, job(3));
    expect(await count("contacts")).toBe(total);
    expect(await deps.store.imports.csv(importId)).toBeUndefined();
  });

  it("two runs of the same import at once still import each row once", async () => {
    const total = importBatchSize * 3;
    const { deps, importId, count } = await setup(rowsOfCsv(total));
    const logger = createRecordingLogger();
    await Promise.all([
      importContacts({ contacts: deps, logger }, { importId }, job(1)),
      importContacts({ contacts: deps, logger }, { importId }, job(1)),
    ]);
    expect(await deps.store.imports.findByIdAnyOrganization(importId)).toMatchObject({
      status: "completed",
      processed: total,
      created: total,
    });
    expect(await count("contacts")).toBe(total);
    expect(await count("contact_import_rows")).toBe(total);
  });

  it("stores each row's outcome: a match already holding the row's values is unchanged, not skipped", async () => {
    const csv = [
      "name,email",
      "Ana,ana@example.com",
      "Bruno Dias,bruno@example.com",
      "Carla,carla@example.com",
      "Davi,not-an-email",
    ].join("\n");
    const { deps, importId, organizationId } = await setup(csv, "update");
    const existing = await database.db
      .insertInto("contacts")
      .values([
        { organization_id: organizationId, name: "Ana", email: "ana@example.com" },
        { organization_id: organizationId, name: "Bruno", email: "bruno@example.com" },
      ])
      .returning("id")
      .execute();

    await importContacts({ contacts: deps, logger: createRecordingLogger() }, { importId }, job(1));

    const stored = await database.db
      .selectFrom("contact_import_rows")
      .select(["row_number", "outcome", "contact_id"])
      .where("import_id", "=", importId)
      .orderBy("row_number")
      .execute();
    expect(stored.map((row) => [row.row_number, row.outcome])).toEqual([
      [1, "unchanged"],
      [2, "updated"],
      [3, "created"],
      [4, "error"],
    ]);
    expect(stored.slice(0, 2).map((row) => row.contact_id)).toEqual(existing.map((row) => row.id));
    expect(await deps.store.imports.findByIdAnyOrganization(importId)).toMatchObject({
      status: "completed",
      processed: 4,
      created: 1,
      updated: 1,
      skipped: 0,
      unchanged: 1,
      failed: 1,
    });
  });

  it("imports a semicolon file saved by Excel in Portuguese", async () => {
    const { deps, importId, organizationId } = await setup(
      'name;email;phone;company\nJoão Silva;joao@x.com;11987654321;"Silva, Souza & Cia"\n',
    );
    await importContacts({ contacts: deps, logger: createRecordingLogger() }, { importId }, job(1));
    expect(await deps.store.imports.findByIdAnyOrganization(importId)).toMatchObject({
      status: "completed",
      total: 1,
      created: 1,
      failed: 0,
    });
    const contacts = await database.db
      .selectFrom("contacts")
      .innerJoin("companies", "companies.id", "contacts.company_id")
      .select(["contacts.name", "contacts.email", "contacts.phone", "companies.name as company"])
      .where("contacts.organization_id", "=", organizationId)
      .execute();
    expect(contacts).toEqual([
      { name: "João Silva", email: "joao@x.com", phone: "+5511987654321", company: "Silva, Souza & Cia" },
    ]);
  });
});
