import { setImmediate } from "node:timers/promises";
import {
  type ContactImportJob,
  type CsvColumns,
  type CsvRecord,
  DomainError,
  finishImport,
  importContactBatch,
  importFileError,
  importFileErrorOf,
  type JobContext,
  mapCsvHeader,
  markImportRunning,
  openImportRun,
} from "@crm/domain";
import type { WorkerDeps } from "../../deps";
import { countCsvRecords, readCsv } from "./csv-records";

/** Rows per transaction: large enough to be fast, small enough not to hold the database for long. */
export const importBatchSize = 250;

/**
 * Imports a CSV stored in its import row, batch by batch. Each batch commits with the import's progress,
 * so a run that dies resumes after the last committed batch, and a second run of a finished import does
 * nothing: running the job twice never imports a row twice.
 */
export async function importContacts(
  deps: Required<Pick<WorkerDeps, "contacts" | "logger">>,
  payload: ContactImportJob,
  job: JobContext,
): Promise<void> {
  const log = { jobId: job.id, attempt: job.attempt, importId: payload.importId };
  const run = await openImportRun(deps.contacts, payload.importId);
  if (!run) {
    deps.logger.info(log, "contact import already finished or gone");
    return;
  }
  const total = run.contactImport.total ?? (await countCsvRecords(run.csv));
  const rows = readCsv(run.csv);
  const first = await rows.next();
  let columns: CsvColumns;
  try {
    if (first.done || !("values" in first.value)) throw importFileError("no_header");
    columns = mapCsvHeader(first.value.values, run.definitions, { locale: run.locale });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await finishImport(deps.contacts, payload.importId, {
      status: "failed",
      error: importFileErrorOf(error),
    });
    deps.logger.info({ ...log, reason: error.message }, "contact import refused");
    return;
  }
  await markImportRunning(deps.contacts, payload.importId, total, columns);
  run.contactImport.status = "running";

  const done = run.contactImport.processed;
  let rowNumber = 0;
  let batch: CsvRecord[] = [];
  const flush = async () => {
    await importContactBatch(deps.contacts, run, columns, batch);
    batch = [];
    // an embedded PGlite answers through promises alone: without a macrotask turn between batches, the
    // process would serve no HTTP request until the whole file is imported
    await setImmediate();
  };
  try {
    for await (const row of rows) {
      rowNumber += 1;
      if (rowNumber <= done) continue;
      batch.push({ rowNumber, values: "values" in row ? row.values : { unreadable: row.unreadable } });
      if (batch.length >= importBatchSize) await flush();
    }
    await flush();
  } catch (error) {
    if (error instanceof DomainError && error.code === "PRECONDITION_FAILED") {
      deps.logger.warn({ ...log, reason: error.message }, "contact import left to another run");
      return;
    }
    throw error;
  }
  await finishImport(deps.contacts, payload.importId, { status: "completed" });
  deps.logger.info({ ...log, rows: rowNumber }, "contact import done");
}
