import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@crm/db";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { createTestDatabase } from "@crm/db/testing/test-database";
import type { ContactsDeps, OnDuplicate } from "@crm/domain";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBatchSize, importContacts } from "./import-contacts";
import { dyingAfterFirstBatch, importOrganization } from "./import-fixtures";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const phoneOf = (n: number) => `+55119${String(80_000_000 + n)}`;
const brunoPhone = "+5511987654321";

/**
 * The file of the QA report, in Portuguese: 300 people (two batches); row 70 has the phone of a customer
 * already stored, row 40 the email of row 5, row 50 row 5's phone, and row 280, in the second batch, row 5's
 * email again.
 */
function qaCsv(): string {
  const lines = ["nome,e-mail,telefone,empresa,etiquetas"];
  for (let n = 1; n <= importBatchSize + 50; n++) {
    if (n === 5) lines.push(`Ana Santos 5,ana5@example.com,${phoneOf(5)},,`);
    else if (n === 40) lines.push(`Outra 40,ana5@example.com,${phoneOf(40)},Empresa 40,`);
    else if (n === 50) lines.push(`Mais 50,,${phoneOf(5)},,`);
    else if (n === 70) lines.push(`Maria Oliveira 70,maria70@example.com,${brunoPhone},Empresa 70,lead`);
    else if (n === 90) lines.push("Carla,carla@example.com,,,");
    else if (n === 280) lines.push("Ana de novo,ana5@example.com,,,");
    else lines.push(`Pessoa ${n},pessoa${n}@example.com,${phoneOf(n)},,`);
  }
  return lines.join("\n");
}

async function setup(onDuplicate: OnDuplicate) {
  const { db } = database;
  const { organizationId, count } = await importOrganization(db, "import-duplicates");
  const deps: ContactsDeps = {
    store: createContactsStore(db),
    clock: { now: () => new Date() },
    queue: { enqueue: async () => {} },
    events: { publish: async () => {} },
    newId: randomUUID,
  };
  const [bruno, carla] = await db
    .insertInto("contacts")
    .values([
      { organization_id: organizationId, name: "Bruno Lima", phone: brunoPhone, email: "bruno@example.com" },
      { organization_id: organizationId, name: "Carla Dias", email: "carla@example.com" },
    ])
    .returning("id")
    .execute();
  const started = await deps.store.imports.create({
    organizationId,
    csv: qaCsv(),
    onDuplicate,
    createdBy: null,
  });
  return {
    deps,
    importId: started.id,
    organizationId,
    count,
    brunoId: bruno?.id ?? "",
    carlaId: carla?.id ?? "",
  };
}

const run = (deps: ContactsDeps, importId: string) =>
  importContacts(
    { contacts: deps, logger: createRecordingLogger() },
    { importId },
    { id: "job", attempt: 1 },
  );

async function rowsOf(importId: string, numbers: number[]) {
  const rows = await database.db
    .selectFrom("contact_import_rows")
    .select(["row_number", "outcome", "reasons", "contact_id"])
    .where("import_id", "=", importId)
    .where("row_number", "in", numbers)
    .orderBy("row_number")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.row_number, row]));
}

async function contact(id: string) {
  return database.db
    .selectFrom("contacts")
    .leftJoin("companies", "companies.id", "contacts.company_id")
    .select(["contacts.name", "contacts.email", "contacts.phone", "companies.name as company"])
    .where("contacts.id", "=", id)
    .executeTakeFirstOrThrow();
}

async function contactsWithPhone(organizationId: string, phone: string) {
  return database.db
    .selectFrom("contacts")
    .select(["id", "name", "email"])
    .where("organization_id", "=", organizationId)
    .where("phone", "=", phone)
    .execute();
}

const repeats = (row: number, by: string) => [{ code: "duplicate_in_file", params: { row, by } }];

describe("a file naming a person twice", () => {
  it.each(["skip", "update", "fill"] as const)(
    "in %s mode, writes only the first row about them, across batches and a run resumed after dying",
    async (mode) => {
      const { deps, importId, organizationId, count } = await setup(mode);
      await expect(run(dyingAfterFirstBatch(deps), importId)).rejects.toThrow("worker killed");
      await run(deps, importId);

      const rows = await rowsOf(importId, [5, 40, 50, 280]);
      expect(rows[5]).toMatchObject({ outcome: "created", reasons: null });
      const ana = rows[5]?.contact_id;
      expect(rows[40]).toMatchObject({ outcome: "skipped", contact_id: ana, reasons: repeats(5, "email") });
      expect(rows[50]).toMatchObject({ outcome: "skipped", contact_id: ana, reasons: repeats(5, "phone") });
      // in the second batch, read again after the first run died
      expect(rows[280]).toMatchObject({ outcome: "skipped", contact_id: ana, reasons: repeats(5, "email") });
      expect(await contact(ana ?? "")).toEqual({
        name: "Ana Santos 5",
        email: "ana5@example.com",
        phone: phoneOf(5),
        company: null,
      });
      expect(await contactsWithPhone(organizationId, phoneOf(5))).toHaveLength(1);
      // 2 stored, 300 rows, 4 of them repeats or matches of the stored contacts
      expect(await count("contacts")).toBe(2 + importBatchSize + 50 - 5);
    },
  );
});

describe("a row matching a stored customer", () => {
  it("update replaces the customer's values with the row's and says which fields it changed", async () => {
    const { deps, importId, brunoId } = await setup("update");
    await run(deps, importId);
    expect(await contact(brunoId)).toEqual({
      name: "Maria Oliveira 70",
      email: "maria70@example.com",
      phone: brunoPhone,
      company: "Empresa 70",
    });
    const rows = await rowsOf(importId, [70, 90]);
    expect(rows[70]).toMatchObject({
      outcome: "updated",
      contact_id: brunoId,
      reasons: [{ code: "changed_fields", params: { fields: "name,email,company,tags" } }],
    });
    expect(rows[90]).toMatchObject({
      outcome: "updated",
      reasons: [{ code: "changed_fields", params: { fields: "name" } }],
    });
  });

  it("fill keeps the customer's name and email, writes only what they lack, and adds the row's tags", async () => {
    const { deps, importId, brunoId, carlaId } = await setup("fill");
    await run(deps, importId);
    expect(await contact(brunoId)).toEqual({
      name: "Bruno Lima",
      email: "bruno@example.com",
      phone: brunoPhone,
      company: "Empresa 70",
    });
    const tags = await database.db
      .selectFrom("contact_tags")
      .innerJoin("tags", "tags.id", "contact_tags.tag_id")
      .select("tags.name")
      .where("contact_tags.contact_id", "=", brunoId)
      .execute();
    expect(tags).toEqual([{ name: "lead" }]);
    expect(await contact(carlaId)).toMatchObject({ name: "Carla Dias" });

    const rows = await rowsOf(importId, [70, 90]);
    expect(rows[70]).toMatchObject({
      outcome: "updated",
      reasons: [{ code: "changed_fields", params: { fields: "company,tags" } }],
    });
    // Carla has a name and her email already: nothing to fill
    expect(rows[90]).toMatchObject({
      outcome: "unchanged",
      contact_id: carlaId,
      reasons: [{ code: "nothing_to_fill", params: {} }],
    });
    expect(await deps.store.imports.findByIdAnyOrganization(importId)).toMatchObject({
      status: "completed",
      updated: 1,
      unchanged: 1,
      skipped: 3,
      failed: 0,
    });
  });
});
