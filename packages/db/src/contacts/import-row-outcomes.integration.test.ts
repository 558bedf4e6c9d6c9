import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { migrations } from "../migrations";
import { migrateToLatest } from "../migrator";
import { createTestDatabase } from "../testing/test-database";
import { createContactsStore } from "./contacts-store";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(() => database.close());

const reasons = (code: string) => JSON.stringify([{ code, params: {} }]);

/** An update-mode import with 5 rows as the code before 0037 stored them, in the schema of then. */
async function importOfBefore(): Promise<{ organizationId: string; importId: string }> {
  const db = database.db;
  const organization = await sql<{ id: string }>`insert into organizations (name, slug)
    values ('Import Co', ${`outcomes-${randomUUID().slice(0, 8)}`}) returning id`.execute(db);
  const organizationId = organization.rows[0]?.id ?? "";
  const contactImport = await sql<{ id: string }>`insert into contact_imports
    (organization_id, on_duplicate, status, total, processed, created, updated, skipped, failed)
    values (${organizationId}, 'update', 'completed', 5, 5, 1, 1, 2, 1) returning id`.execute(db);
  const importId = contactImport.rows[0]?.id ?? "";
  const row = (rowNumber: number, outcome: string, stored: string | null) =>
    sql`insert into contact_import_rows (import_id, organization_id, row_number, outcome, reasons)
      values (${importId}, ${organizationId}, ${rowNumber}, ${outcome}, ${stored}::jsonb)`.execute(db);
  await row(1, "skipped", reasons("unchanged"));
  await row(2, "updated", null);
  await row(3, "skipped", reasons("unchanged"));
  await row(4, "created", null);
  await row(5, "error", reasons("invalid_email"));
  return { organizationId, importId };
}

const outcomes = async (importId: string) =>
  (
    await sql<{ outcome: string }>`select outcome from contact_import_rows where import_id = ${importId}
      order by row_number`.execute(database.db)
  ).rows.map((row) => row.outcome);

describe("migration 0037_import_row_unchanged", () => {
  it("moves the rows stored as skipped with the reason unchanged to the outcome unchanged, and back down", async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0036_deletions")).error).toBeUndefined();
    try {
      const { organizationId, importId } = await importOfBefore();

      expect((await migrator.migrateTo("0037_import_row_unchanged")).error).toBeUndefined();

      expect(await outcomes(importId)).toEqual(["unchanged", "updated", "unchanged", "created", "error"]);
      // today's repository reads today's schema: the later migrations first
      await migrateToLatest(database.db);
      const imports = createContactsStore(database.db).imports;
      expect(await imports.findById(organizationId, importId)).toMatchObject({ skipped: 0, unchanged: 2 });
      const listed = await imports.listRows(
        organizationId,
        importId,
        { limit: 10 },
        { outcome: "unchanged" },
      );
      expect(listed.items.map((item) => item.rowNumber)).toEqual([1, 3]);
      expect(await imports.listRows(organizationId, importId, { limit: 10 }, { outcome: "skipped" })).toEqual(
        {
          items: [],
          nextCursor: null,
        },
      );

      expect((await migrator.migrateTo("0036_deletions")).error).toBeUndefined();

      expect(await outcomes(importId)).toEqual(["skipped", "updated", "skipped", "created", "error"]);
    } finally {
      await migrateToLatest(database.db);
    }
  });
});
