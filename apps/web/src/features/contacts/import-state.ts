import type { BadgeTone } from "../../components/ui/badge";
import type { PlainMessageKey, Translate } from "../../i18n/translate";
import type { RouterOutputs } from "../../lib/api-types";
import { errorCodeOf } from "../../lib/errors";

export type ContactImport = RouterOutputs["contacts"]["getImport"];
export type ImportRow = RouterOutputs["contacts"]["importRows"]["items"][number];
export type ImportOutcome = ImportRow["outcome"];
export type ImportMode = ContactImport["onDuplicate"];

/**
 * The choices for rows matching an existing contact, in the order offered; the first, which never replaces a
 * value, is chosen until the user picks another (the API's default stays `skip`, for its older clients).
 */
export const importModes: readonly ImportMode[] = ["fill", "skip", "update"];
export const defaultImportMode: ImportMode = "fill";

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

/**
 * How often to ask for the status: every second until the job is done, then never again; never again either once
 * it answered 404 (`error`, the query's last one): it is gone, asking again answers the same.
 */
export const importPollInterval = (
  job: Pick<ContactImport, "status"> | undefined,
  error?: unknown,
): number | false => ((job && isImportFinished(job)) || isImportGone(error) ? false : importPollMs);

/** Why a chosen file cannot be imported, before uploading it. */
export function checkImportFile(file: { name: string; size: number } | null): PlainMessageKey | null {
  if (!file) return "contacts.import.noFile";
  if (!file.name.toLowerCase().endsWith(".csv")) return "contacts.import.notCsv";
  if (file.size === 0) return "contacts.import.emptyFile";
  if (file.size > maxImportFileBytes) return "contacts.import.tooLarge";
  return null;
}

/** Why a file's text cannot be imported, before uploading it: blank, or no text at all (a workbook's bytes). */
export function checkImportText(text: string): PlainMessageKey | null {
  if (text.trim() === "") return "contacts.import.emptyFile";
  if (text.includes("\u0000")) return "contacts.import.notCsv";
  return null;
}

const confirmRefusals: Record<string, PlainMessageKey> = {
  not_a_preview: "contacts.import.confirm.not_a_preview",
  preview_not_finished: "contacts.import.confirm.preview_not_finished",
  preview_failed: "contacts.import.confirm.preview_failed",
  already_confirmed: "contacts.import.confirm.already_confirmed",
  preview_file_gone: "contacts.import.confirm.preview_file_gone",
};

/**
 * The preview or import answered 404. A preview: the daily retention deleted it, unconfirmed past its days
 * (README, `IMPORT_PREVIEW_RETENTION_DAYS`), with its file.
 */
export const isImportGone = (error: unknown) => errorCodeOf(error) === "NOT_FOUND";

const confirmReasonOf = (error: unknown): unknown =>
  (error as { data?: { fieldReasons?: Record<string, unknown> | null } } | null)?.data?.fieldReasons?.id;

/**
 * Why confirming a preview was refused, as the API's `data.fieldReasons.id` says, or that the preview expired;
 * null for any other error.
 */
export function confirmRefusalOf(error: unknown): PlainMessageKey | null {
  const reason = confirmReasonOf(error);
  if (typeof reason === "string") return confirmRefusals[reason] ?? null;
  return isImportGone(error) ? "contacts.import.confirm.preview_expired" : null;
}

/**
 * The refused confirmation leaves nothing to import in the preview shown: deleted (expired) or without its file.
 * The form drops it and keeps the file and mode chosen, so one click on Preview runs it again.
 */
export const isPreviewUnusable = (error: unknown): boolean =>
  isImportGone(error) || confirmReasonOf(error) === "preview_file_gone";

/** The result of one row, in the singular ("Created", "Error"), unlike the totals' plural labels. */
export const rowOutcomeLabels: Record<ImportOutcome, PlainMessageKey> = {
  created: "contacts.import.rowOutcome.created",
  updated: "contacts.import.rowOutcome.updated",
  unchanged: "contacts.import.rowOutcome.unchanged",
  skipped: "contacts.import.rowOutcome.skipped",
  error: "contacts.import.rowOutcome.error",
};

export const outcomeTones: Record<ImportOutcome, BadgeTone> = {
  created: "success",
  updated: "accent",
  unchanged: "neutral",
  skipped: "neutral",
  error: "danger",
};

export const importStatusLabels: Record<ContactImport["status"], PlainMessageKey> = {
  queued: "contacts.import.status.queued",
  running: "contacts.import.status.running",
  completed: "contacts.import.status.completed",
  failed: "contacts.import.status.failed",
};

/** Why the whole import failed, in the reader's language; the general sentence for imports failed before codes. */
export function describeImportFailure(t: Translate, job: Pick<ContactImport, "errorReason">): string {
  const failure = job.errorReason;
  if (!failure) return t("contacts.import.failed");
  const param = (name: string) => failure.params[name] ?? "";
  switch (failure.code) {
    case "too_large":
      return t("contacts.import.fileErrors.too_large", { max: param("max") });
    case "duplicate_column":
      return t("contacts.import.fileErrors.duplicate_column", { column: param("column") });
    case "same_column":
      return t("contacts.import.fileErrors.same_column", { first: param("first"), second: param("second") });
    case "other":
      return t("contacts.import.fileErrors.message", { message: param("message") });
    default:
      return t(`contacts.import.fileErrors.${failure.code}`);
  }
}

type ImportReason = ImportRow["reasons"][number];

const dateOrders = ["dmy", "mdy", "iso"] as const;
const dateOrderOf = (order: string | number | undefined) =>
  dateOrders.find((known) => known === order) ?? "iso";

/** The custom fields' labels by key: how a row's changed fields name them. */
export type FieldLabels = Readonly<Record<string, string>>;

/** The labels of these custom field definitions, by key. */
export const fieldLabelsOf = (definitions: ReadonlyArray<{ key: string; label: string }>): FieldLabels =>
  Object.fromEntries(definitions.map((definition) => [definition.key, definition.label]));

/** "Colunas ignoradas: CPF, Observações. ..."; null when the import read every column. */
export function describeIgnoredColumns(
  t: Translate,
  job: Pick<ContactImport, "ignoredColumns">,
): string | null {
  if (job.ignoredColumns.length === 0) return null;
  return t("contacts.import.ignoredColumns", { columns: job.ignoredColumns.join(", ") });
}

/** A tab is invisible between quotes: it is named. */
const separatorName = (separator: string | number) => (separator === "\t" ? "tab" : String(separator));

/**
 * Why a row was skipped or failed, in the reader's language; the API's English text for older rows. `labels`
 * names the custom fields an update changed (a field missing from it, one deleted since, by its key). The
 * values a row was imported without follow, each with why.
 */
export function describeImportRow(
  t: Translate,
  row: Pick<ImportRow, "reason" | "reasons"> & { warnings?: ImportRow["warnings"] },
  labels: FieldLabels = {},
): string | null {
  const warnings = (row.warnings ?? []).map((warning) =>
    t("contacts.import.warning", { reason: describeImportReason(t, warning.reason, labels) }),
  );
  const reasons =
    row.reasons.length === 0
      ? row.reason === null
        ? []
        : [row.reason]
      : row.reasons.map((reason) => describeImportReason(t, reason, labels));
  return reasons.length + warnings.length === 0 ? null : [...reasons, ...warnings].join(" ");
}

function describeImportReason(t: Translate, { code, params }: ImportReason, labels: FieldLabels): string {
  const param = (name: string) => params[name] ?? "";
  const field = { label: param("label"), value: param("value") };
  switch (code) {
    case "separator_mismatch":
      return t("contacts.import.reasons.separator_mismatch", {
        separator: separatorName(param("separator")),
        headerSeparator: separatorName(param("headerSeparator")),
      });
    case "row_too_long":
      return t("contacts.import.reasons.row_too_long", {
        values: param("values"),
        columns: param("columns"),
      });
    case "name_too_long":
    case "company_too_long":
      return t(`contacts.import.reasons.${code}`, { max: param("max") });
    case "tag_too_long":
      return t("contacts.import.reasons.tag_too_long", { value: param("value"), max: param("max") });
    case "field_required":
    case "invalid_text":
      return t(`contacts.import.reasons.${code}`, { label: param("label") });
    case "text_too_long":
      return t("contacts.import.reasons.text_too_long", { label: param("label"), max: param("max") });
    case "invalid_number":
    case "ambiguous_number":
    case "invalid_boolean":
      return t(`contacts.import.reasons.${code}`, field);
    case "invalid_date":
      return t("contacts.import.reasons.invalid_date", {
        ...field,
        format: t(`contacts.import.dateFormat.${dateOrderOf(params.order)}`),
      });
    case "impossible_date":
      return t("contacts.import.reasons.impossible_date", {
        ...field,
        format: t(`contacts.import.dateOrder.${dateOrderOf(params.order)}`),
      });
    case "invalid_option":
      return t("contacts.import.reasons.invalid_option", { ...field, options: param("options") });
    case "duplicate":
      return t(
        params.by === "id"
          ? "contacts.import.reasons.duplicate_id"
          : params.by === "email"
            ? "contacts.import.reasons.duplicate_email"
            : "contacts.import.reasons.duplicate_phone",
      );
    case "id_conflict":
      return t(
        params.by === "email"
          ? "contacts.import.reasons.id_conflict_email"
          : "contacts.import.reasons.id_conflict_phone",
      );
    case "duplicate_in_file":
      return t("contacts.import.reasons.duplicate_in_file", { row: param("row") });
    case "changed_fields":
      return t("contacts.import.reasons.changed_fields", {
        fields: changedFieldNames(t, String(param("fields")), labels).join(", "),
      });
    case "other":
      return t("contacts.import.reasons.message", { message: param("message") });
    default:
      return t(`contacts.import.reasons.${code}`);
  }
}

const ownFields = ["name", "email", "phone", "company", "tags"] as const;

/** "name,email,metadata.plan" as the reader says it: "nome, e-mail, Plano" (a custom field by its label). */
function changedFieldNames(t: Translate, fields: string, labels: FieldLabels): string[] {
  return fields
    .split(",")
    .filter((field) => field !== "")
    .map((field) => {
      const own = ownFields.find((known) => known === field);
      if (own) return t(`contacts.import.changedField.${own}`);
      const key = field.replace(/^metadata\./, "");
      return Object.hasOwn(labels, key) ? (labels[key] ?? key) : key;
    });
}

/**
 * A preview's totals, in the order shown: the rows an import would create, update (or, filling, complete),
 * leave unchanged, skip, and fail. A fill's updates only complete contacts, so they are counted as such.
 */
export function previewTotals(
  job: Pick<ContactImport, "onDuplicate" | "created" | "updated" | "unchanged" | "skipped" | "failed">,
): Array<{ label: PlainMessageKey; value: number; outcome: ImportOutcome }> {
  return [
    { label: "contacts.import.preview.created", value: job.created, outcome: "created" },
    job.onDuplicate === "fill"
      ? { label: "contacts.import.preview.filled", value: job.updated, outcome: "updated" }
      : { label: "contacts.import.preview.updated", value: job.updated, outcome: "updated" },
    { label: "contacts.import.preview.unchanged", value: job.unchanged, outcome: "unchanged" },
    { label: "contacts.import.preview.skipped", value: job.skipped, outcome: "skipped" },
    { label: "contacts.import.preview.error", value: job.failed, outcome: "error" },
  ];
}
