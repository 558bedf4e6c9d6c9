import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@crm/db";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { createTestDatabase } from "@crm/db/testing/test-database";
import type { ContactsDeps, OnDuplicate } from "@crm/domain";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBatchSize, importContacts } from "./import-contacts";
import { dyingAfterFirstBatch, importOrganization } from "./import-fixtures";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const phoneOf = (n: number) => `+55119${String(81_000_000 + n)}`;
const brunoPhone = "+5511987654321";

/**
 * Two batches. Row 5 creates Ana, whom rows 40 and 280 (second batch) repeat; row 70 matches Bruno by phone
 * (in update mode it takes him to a new email) and row 260, in the second batch, has Bruno's old email: it
 * creates a contact after an update (the stored Bruno no longer has it) and repeats row 70 otherwise. Row 90
 * matches Carla; rows 100 and 110 are errors; row 120 brings a custom field's value and a new tag.
 */
function previewCsv(): string {
  const lines = ["nome,e-mail,telefone,empresa,etiquetas,plano"];
  for (let n = 1; n <= importBatchSize + 50; n++) {
    if (n === 5) lines.push(`Ana Santos 5,ana5@example.com,${phoneOf(5)},Empresa Ana,vip,`);
    else if (n === 40) lines.push(`Outra 40,ana5@example.com,${phoneOf(40)},,,`);
    else if (n === 70) lines.push(`Maria Oliveira 70,maria70@example.com,${brunoPhone},Empresa 70,lead,`);
    else if (n === 90) lines.push("Carla,carla@example.com,,,,");
    else if (n === 100) lines.push(`,,${phoneOf(100)},,,`);
    else if (n === 110) lines.push(`Pessoa 110,pessoa110@example.com,${phoneOf(110)},,,diamante`);
    else if (n === 120) lines.push(`Pessoa 120,pessoa120@example.com,${phoneOf(120)},,novo,pro`);
    else if (n === 260) lines.push("Bruno velho,bruno@example.com,,,,");
    else if (n === 280) lines.push("Ana de novo,ana5@example.com,,,,");
    else lines.push(`Pessoa ${n},pessoa${n}@example.com,${phoneOf(n)},,,`);
  }
  return lines.join("\n");
}

async function setup() {
  const { db } = database;
  const { organizationId } = await importOrganization(db, "import-preview");
  const deps: ContactsDeps = {
    store: createContactsStore(db),
    clock: { now: () => new Date() },
    queue: { enqueue: async () => {} },
    events: { publish: async () => {} },
    newId: randomUUID,
  };
  await db
    .insertInto("custom_field_definitions")
    .values({
      organization_id: organizationId,
      key: "plano",
      label: "Plano",
      type: "single_select",
      options: JSON.stringify(["free", "pro"]),
    })
    .execute();
  const [bruno] = await db
    .insertInto("contacts")
    .values([
      { organization_id: organizationId, name: "Bruno Lima", phone: brunoPhone, email: "bruno@example.com" },
      { organization_id: organizationId, name: "Carla Dias", email: "carla@example.com" },
    ])
    .returning("id")
    .execute();
  return { deps, organizationId, brunoId: bruno?.id ?? "" };
}

const run = (deps: ContactsDeps, importId: string) =>
  importContacts(
    { contacts: deps, logger: createRecordingLogger() },
    { importId },
    { id: "job", attempt: 1 },
  );

/** Everything an import could write for the organization, as it stands. */
async function snapshot(organizationId: string) {
  const { db } = database;
  const tables = ["contacts", "companies", "tags", "contact_tags", "custom_field_definitions"] as const;
  const counts = Object.fromEntries(
    await Promise.all(
      tables.map(async (table) => {
        const row = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("organization_id", "=", organizationId)
          .executeTakeFirstOrThrow();
        return [table, Number(row.n)] as const;
      }),
    ),
  );
  const contacts = await db
    .selectFrom("contacts")
    .select([
      "id",
      "name",
      "email",
      "phone",
      "company_id",
      "metadata",
      sql<string>`updated_at::text`.as("at"),
    ])
    .where("organization_id", "=", organizationId)
    .orderBy("id")
    .execute();
  return { counts, contacts };
}

async function rowsOf(importId: string) {
  return database.db
    .selectFrom("contact_import_rows")
    .select(["row_number", "outcome", "reason", "reasons", "warnings", "contact_id"])
    .where("import_id", "=", importId)
    .orderBy("row_number")
    .execute();
}

async function start(deps: ContactsDeps, organizationId: string, onDuplicate: OnDuplicate, dryRun: boolean) {
  const started = await deps.store.imports.create({
    organizationId,
    csv: previewCsv(),
    onDuplicate,
    dryRun,
    createdBy: null,
  });
  return started.id;
}

/** A preview's rows name no contact it would create; the import's name the one it created. */
function withoutCreatedIds(rows: Awaited<ReturnType<typeof rowsOf>>) {
  const created = new Set(rows.flatMap((row) => (row.outcome === "created" ? [row.contact_id] : [])));
  return rows.map((row) => (created.has(row.contact_id) ? { ...row, contact_id: null } : row));
}

describe("a preview (dry run) of an import", () => {
  it.each(["skip", "update", "fill"] as const)(
    "in %s mode, writes nothing and announces, across batches, the rows and counts the import then gives",
    async (mode) => {
      const { deps, organizationId } = await setup();
      const before = await snapshot(organizationId);

      const previewId = await start(deps, organizationId, mode, true);
      await run(deps, previewId);
      const preview = await deps.store.imports.findByIdAnyOrganization(previewId);
      expect(preview).toMatchObject({ status: "completed", dryRun: true, processed: importBatchSize + 50 });
      expect(await snapshot(organizationId)).toEqual(before);
      const previewRows = await rowsOf(previewId);
      expect(previewRows).toHaveLength(importBatchSize + 50);
      expect(previewRows.filter((row) => row.outcome === "created" && row.contact_id !== null)).toEqual([]);

      const importId = await start(deps, organizationId, mode, false);
      await run(deps, importId);
      const done = await deps.store.imports.findByIdAnyOrganization(importId);
      expect(done).toMatchObject({ status: "completed", dryRun: false });
      const counts = ["processed", "created", "updated", "skipped", "unchanged", "failed"] as const;
      for (const key of counts) expect(preview?.[key], key).toBe(done?.[key]);
      expect(withoutCreatedIds(await rowsOf(importId))).toEqual(previewRows);
      expect((await snapshot(organizationId)).counts.contacts).toBe(
        (before.counts.contacts ?? 0) + (done?.created ?? 0),
      );
    },
  );

  it("remembers, from one batch to the next, the email an update would have taken from a stored contact", async () => {
    const { deps, organizationId, brunoId } = await setup();
    const previewId = await start(deps, organizationId, "update", true);
    await run(deps, previewId);
    const rows = await rowsOf(previewId);
    expect(rows[69]).toMatchObject({
      outcome: "updated",
      contact_id: brunoId,
      reasons: [{ code: "changed_fields", params: { fields: "name,email,company,tags" } }],
    });
    // Bruno would no longer have this email after row 70, so the row would create a contact
    expect(rows[259]).toMatchObject({ row_number: 260, outcome: "created", contact_id: null });
    expect(rows[279]).toMatchObject({
      outcome: "skipped",
      reasons: [{ code: "duplicate_in_file", params: { row: 5, by: "email" } }],
    });
    expect(rows[99]).toMatchObject({ outcome: "error", reasons: [{ code: "name_required", params: {} }] });
    // an optional field's bad value is left out with a warning, as the import would
    expect(rows[109]).toMatchObject({
      outcome: "created",
      warnings: [{ field: expect.any(String), reason: { code: "invalid_option" } }],
    });
  });

  it("a run that dies halfway is resumed after its last committed batch, deciding the rest as one run would", async () => {
    const { deps, organizationId } = await setup();
    const before = await snapshot(organizationId);
    const previewId = await start(deps, organizationId, "update", true);
    await expect(run(dyingAfterFirstBatch(deps), previewId)).rejects.toThrow("worker killed");
    expect(await deps.store.imports.findByIdAnyOrganization(previewId)).toMatchObject({
      status: "running",
      processed: importBatchSize,
    });
    const decided: number[] = [];
    const watching: ContactsDeps = {
      ...deps,
      store: {
        ...deps.store,
        transaction: (work) =>
          deps.store.transaction((repos) =>
            work({
              ...repos,
              imports: {
                ...repos.imports,
                addRows: (organization, id, rows) => {
                  decided.push(...rows.map((row) => row.rowNumber));
                  return repos.imports.addRows(organization, id, rows);
                },
              },
            }),
          ),
      },
    };
    await run(watching, previewId);
    expect(decided).toEqual(Array.from({ length: 50 }, (_, n) => importBatchSize + n + 1));
    const preview = await deps.store.imports.findByIdAnyOrganization(previewId);
    expect(preview).toMatchObject({ status: "completed", processed: importBatchSize + 50 });
    const rows = await rowsOf(previewId);
    expect(rows.map((row) => row.row_number)).toEqual(
      Array.from({ length: importBatchSize + 50 }, (_, n) => n + 1),
    );
    // both depend on what the first batch would have written: Bruno's email taken away, Ana created
    expect(rows[259]).toMatchObject({ row_number: 260, outcome: "created", contact_id: null });
    expect(rows[279]).toMatchObject({
      outcome: "skipped",
      reasons: [{ code: "duplicate_in_file", params: { row: 5, by: "email" } }],
    });
    expect(await snapshot(organizationId)).toEqual(before);
    const kept = await database.db
      .selectFrom("contact_import_preview_batches")
      .select("last_row")
      .where("import_id", "=", previewId)
      .execute();
    expect(kept).toEqual([]);

    const importId = await start(deps, organizationId, "update", false);
    await run(deps, importId);
    expect(withoutCreatedIds(await rowsOf(importId))).toEqual(rows);
  });

  it("a preview begun before its batches were kept starts over from its first row", async () => {
    const { deps, organizationId } = await setup();
    const previewId = await start(deps, organizationId, "fill", true);
    await expect(run(dyingAfterFirstBatch(deps), previewId)).rejects.toThrow("worker killed");
    await database.db
      .deleteFrom("contact_import_preview_batches")
      .where("import_id", "=", previewId)
      .execute();
    await run(deps, previewId);
    expect(await deps.store.imports.findByIdAnyOrganization(previewId)).toMatchObject({
      status: "completed",
      processed: importBatchSize + 50,
    });
    const rows = await rowsOf(previewId);
    expect(rows).toHaveLength(importBatchSize + 50);
    expect(rows[279]).toMatchObject({
      outcome: "skipped",
      reasons: [{ code: "duplicate_in_file", params: { row: 5, by: "email" } }],
    });
  });
});
