import type { BadgeTone } from "../../components/ui/badge";
import type { PlainMessageKey } from "../../i18n/translate";
import type { RouterOutputs } from "../../lib/api-types";

export type ContactImport = RouterOutputs["contacts"]["getImport"];
export type ImportRow = RouterOutputs["contacts"]["importRows"]["items"][number];
export type ImportOutcome = ImportRow["outcome"];

/** The API's limit for the CSV text; checked before reading a huge file into memory. */
export const maxImportFileBytes = 20 * 1024 * 1024;
export const importPollMs = 1000;

export const isImportFinished = (job: Pick<ContactImport, "status">): boolean =>
  job.status === "completed" || job.status === "failed";

/** Percent of rows processed; null while the job has not counted the rows (the bar is indeterminate). */
export function importProgress(job: Pick<ContactImport, "status" | "total" | "processed">): number | null {
  if (job.status === "completed") return 100;
  if (job.total === null) return null;
  if (job.total === 0) return 100;
  return Math.min(100, Math.round((job.processed / job.total) * 100));
}

/** How often to ask for the status: every second until the job is done, then never again. */
export const importPollInterval = (job: Pick<ContactImport, "status"> | undefined): number | false =>
  job && isImportFinished(job) ? false : importPollMs;

/** Why a chosen file cannot be imported, before uploading it. */
export function checkImportFile(file: { name: string; size: number } | null): PlainMessageKey | null {
  if (!file) return "contacts.import.noFile";
  if (!file.name.toLowerCase().endsWith(".csv")) return "contacts.import.notCsv";
  if (file.size === 0) return "contacts.import.emptyFile";
  if (file.size > maxImportFileBytes) return "contacts.import.tooLarge";
  return null;
}

export const outcomeLabels: Record<ImportOutcome, PlainMessageKey> = {
  created: "contacts.import.outcome.created",
  updated: "contacts.import.outcome.updated",
  skipped: "contacts.import.outcome.skipped",
  error: "contacts.import.outcome.error",
};

export const outcomeTones: Record<ImportOutcome, BadgeTone> = {
  created: "success",
  updated: "accent",
  skipped: "neutral",
  error: "danger",
};

export const importStatusLabels: Record<ContactImport["status"], PlainMessageKey> = {
  queued: "contacts.import.status.queued",
  running: "contacts.import.status.running",
  completed: "contacts.import.status.completed",
  failed: "contacts.import.status.failed",
};
