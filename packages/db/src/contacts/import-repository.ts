import { type ContactImportRepository, pageSize } from "@crm/domain";
import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, toPage } from "../shared/cursor";
import { decodeRowCursor, encodeRowCursor } from "./contact-cursor";
import { chunks } from "./named-rows";
import {
  importColumns,
  toContactImport,
  toImportReasons,
  toImportWarnings,
  toPreviewBatchMemory,
} from "./rows";

const importList = "contactImports";

/**
 * The rows an update left unchanged. They are added to the `skipped` column, which has no companion column:
 * the count is read from the rows (outcome `unchanged`), and `toContactImport` takes it out of `skipped`
 * (imports made before it was counted apart read the same).
 */
const unchangedRows = (eb: ExpressionBuilder<Database, "contact_imports">) =>
  eb
    .selectFrom("contact_import_rows")
    .select(sql<number>`count(*)::int`.as("count"))
    .whereRef("contact_import_rows.import_id", "=", "contact_imports.id")
    .where("contact_import_rows.outcome", "=", "unchanged")
    .as("unchanged");

/** The rows imported without some of their values (see `ImportRowResult.warnings`). */
const warnedRows = (eb: ExpressionBuilder<Database, "contact_imports">) =>
  eb
    .selectFrom("contact_import_rows")
    .select(sql<number>`count(*)::int`.as("count"))
    .whereRef("contact_import_rows.import_id", "=", "contact_imports.id")
    .where("contact_import_rows.warnings", "is not", null)
    .as("warned");

export function createContactImportRepository(db: Kysely<Database>): ContactImportRepository {
  return {
    async create(input) {
      const row = await db
        .insertInto("contact_imports")
        .values({
          organization_id: input.organizationId,
          csv: input.csv,
          on_duplicate: input.onDuplicate,
          dry_run: input.dryRun ?? false,
          created_by: input.createdBy,
        })
        .returning(importColumns)
        .executeTakeFirstOrThrow();
      return toContactImport({ ...row, unchanged: 0, warned: 0 });
    },

    async findById(organizationId, id, lock) {
      let query = db
        .selectFrom("contact_imports")
        .select(importColumns)
        .select(unchangedRows)
        .select(warnedRows)
        .where("organization_id", "=", organizationId)
        .where("id", "=", id);
      if (lock) query = query.forUpdate("contact_imports");
      const row = await query.executeTakeFirst();
      return row ? toContactImport(row) : undefined;
    },

    async list(organizationId, page) {
      const limit = pageSize(page.limit);
      const cursor = decodeCursor(page.cursor, importList);
      let query = db
        .selectFrom("contact_imports")
        .select(importColumns)
        .select(unchangedRows)
        .select(warnedRows)
        .where("organization_id", "=", organizationId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", "<", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toContactImport, importList);
    },

    async findByIdAnyOrganization(id) {
      const row = await db
        .selectFrom("contact_imports")
        .select(importColumns)
        .select(unchangedRows)
        .select(warnedRows)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toContactImport(row) : undefined;
    },

    async csv(id) {
      const row = await db
        .selectFrom("contact_imports")
        .select("csv")
        .where("id", "=", id)
        .executeTakeFirst();
      return row?.csv ?? undefined;
    },

    async markConfirmed(previewId, importId) {
      await db
        .updateTable("contact_imports")
        .set({ confirmed_import_id: importId, csv: null, updated_at: new Date() })
        .where("id", "=", previewId)
        .execute();
    },

    async locale(id) {
      const row = await db
        .selectFrom("contact_imports")
        .innerJoin("organizations", "organizations.id", "contact_imports.organization_id")
        .select("organizations.locale")
        .where("contact_imports.id", "=", id)
        .executeTakeFirst();
      return row?.locale;
    },

    async lock(id) {
      return db
        .selectFrom("contact_imports")
        .select(["status", "processed"])
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
    },

    async markRunning(id, total, at, ignoredColumns = []) {
      await db
        .updateTable("contact_imports")
        .set({
          status: "running",
          total,
          ignored_columns: JSON.stringify(ignoredColumns),
          started_at: sql`coalesce(started_at, ${at})`,
          updated_at: at,
        })
        .where("id", "=", id)
        .where("status", "in", ["queued", "running"])
        .execute();
    },

    async claimStale(before, at, limit) {
      const rows = await db
        .updateTable("contact_imports")
        .set({ updated_at: at })
        .where("id", "in", (eb) =>
          eb
            .selectFrom("contact_imports")
            .select("id")
            .where("status", "in", ["queued", "running"])
            .where("updated_at", "<", before)
            .orderBy("updated_at")
            .limit(limit)
            // two sweepers at once: each claims other imports
            .forUpdate()
            .skipLocked(),
        )
        .returning("id")
        .execute();
      return rows.map((row) => row.id);
    },

    async deleteUnconfirmedPreviews(cutoff, limit) {
      const deleted = await db
        .deleteFrom("contact_imports")
        .where("id", "in", (eb) =>
          eb
            .selectFrom("contact_imports")
            .select("id")
            .where("dry_run", "=", true)
            .where("confirmed_import_id", "is", null)
            .where("status", "in", ["completed", "failed"])
            .where("finished_at", "<", cutoff)
            // in the order of their index (0052): unordered, the planner may read the whole table hoping to hit
            // `limit` rows early, which the few old previews left after yesterday's sweep never grant
            .orderBy("finished_at")
            .limit(limit)
            // a preview being confirmed holds its row's lock: left alone, as confirmed it stays
            .forUpdate()
            .skipLocked(),
        )
        .executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },

    async addProgress(id, counts) {
      await db
        .updateTable("contact_imports")
        .set((eb) => ({
          processed: eb("processed", "+", counts.processed),
          created: eb("created", "+", counts.created),
          updated: eb("updated", "+", counts.updated),
          // no column of its own: unchanged rows are kept among the skipped, told apart on reading (`unchangedRows`)
          skipped: eb("skipped", "+", counts.skipped + counts.unchanged),
          failed: eb("failed", "+", counts.failed),
          updated_at: new Date(),
        }))
        .where("id", "=", id)
        .execute();
    },

    async restart(id) {
      await db.deleteFrom("contact_import_rows").where("import_id", "=", id).execute();
      await db.deleteFrom("contact_import_preview_batches").where("import_id", "=", id).execute();
      await db
        .updateTable("contact_imports")
        .set({ processed: 0, created: 0, updated: 0, skipped: 0, failed: 0, updated_at: new Date() })
        .where("id", "=", id)
        .execute();
    },

    async finish(id, status, error, at) {
      // the file is not needed once the import ends, and it can weigh megabytes; a completed preview keeps it
      // for the import confirming it
      await db
        .updateTable("contact_imports")
        .set((eb) => ({
          status,
          error: error?.text ?? null,
          error_reason: error ? JSON.stringify(error.reason) : null,
          finished_at: at,
          updated_at: at,
          csv: status === "completed" ? eb.case().when("dry_run", "=", true).then(eb.ref("csv")).end() : null,
        }))
        .where("id", "=", id)
        .execute();
      await db.deleteFrom("contact_import_preview_batches").where("import_id", "=", id).execute();
    },

    async addPreviewBatch(organizationId, importId, lastRow, memory) {
      await db
        .insertInto("contact_import_preview_batches")
        .values({
          organization_id: organizationId,
          import_id: importId,
          last_row: lastRow,
          memory: JSON.stringify(memory),
        })
        .execute();
    },

    async previewBatches(importId) {
      const rows = await db
        .selectFrom("contact_import_preview_batches")
        .select(["last_row", "memory"])
        .where("import_id", "=", importId)
        .orderBy("last_row")
        .execute();
      return rows.map((row) => ({ lastRow: row.last_row, memory: toPreviewBatchMemory(row.memory) }));
    },

    async addRows(organizationId, importId, rows) {
      for (const chunk of chunks(rows)) {
        await db
          .insertInto("contact_import_rows")
          .values(
            chunk.map((row) => ({
              import_id: importId,
              organization_id: organizationId,
              row_number: row.rowNumber,
              outcome: row.outcome,
              reason: row.reason,
              reasons: row.reasons.length > 0 ? JSON.stringify(row.reasons) : null,
              warnings: row.warnings.length > 0 ? JSON.stringify(row.warnings) : null,
              contact_id: row.contactId,
            })),
          )
          .execute();
      }
    },

    async rowsWritingContacts(importId, contactIds) {
      if (contactIds.length === 0) return new Map();
      const rows = await db
        .selectFrom("contact_import_rows")
        .select(["contact_id", (eb) => eb.fn.min("row_number").as("row_number")])
        .where("import_id", "=", importId)
        .where("contact_id", "in", [...new Set(contactIds)])
        .where("outcome", "in", ["created", "updated", "unchanged"])
        .groupBy("contact_id")
        .execute();
      return new Map(rows.flatMap((row) => (row.contact_id ? [[row.contact_id, row.row_number]] : [])));
    },

    async listRows(organizationId, importId, page, filter = {}) {
      const limit = pageSize(page.limit);
      const after = decodeRowCursor(importId, page.cursor, filter);
      let query = db
        .selectFrom("contact_import_rows")
        .select(["row_number", "outcome", "reason", "reasons", "warnings", "contact_id"])
        .where("organization_id", "=", organizationId)
        .where("import_id", "=", importId)
        .where("row_number", ">", after);
      if (filter.outcome) query = query.where("outcome", "=", filter.outcome);
      if (filter.warned) query = query.where("warnings", "is not", null);
      const rows = await query
        .orderBy("row_number", "asc")
        .limit(limit + 1)
        .execute();
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      return {
        items: pageRows.map((row) => ({
          rowNumber: row.row_number,
          outcome: row.outcome,
          reason: row.reason,
          reasons: toImportReasons(row.reasons),
          warnings: toImportWarnings(row.warnings),
          contactId: row.contact_id,
        })),
        nextCursor: rows.length > limit && last ? encodeRowCursor(importId, last.row_number, filter) : null,
      };
    },
  };
}
