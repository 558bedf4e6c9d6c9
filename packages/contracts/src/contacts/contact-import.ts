import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

/** 20 MiB of text. */
export const maxContactImportCsvLength = 20 * 1024 * 1024;

/** Kept in step with `onDuplicateModes` in the domain. */
export const contactImportModes = ["skip", "update", "fill"] as const;

export const startContactImportInput = strictInput({
  csv: z
    .string()
    .max(maxContactImportCsvLength)
    .describe(
      "The CSV file's text, with a header line. Columns: name, email, phone, company, tags (separated by ;) " +
        "and custom fields by key or label; also in Portuguese (nome, e-mail, telefone, celular, whatsapp, " +
        "empresa, etiquetas), in any letter case and with or without accents; other columns are ignored. " +
        "Dates as YYYY-MM-DD, or DD/MM/YYYY when the organization's locale is pt-BR (MM/DD/YYYY for en)",
    ),
  onDuplicate: z
    .enum(contactImportModes)
    .default("skip")
    .describe(
      "What a row whose id, phone or email matches an existing contact does to it: skip leaves the contact as " +
        "it is; update replaces its name, email, phone, company and custom fields with the row's values; fill " +
        "writes only the values the contact lacks (a name only when its name is just its phone) and never " +
        "replaces one. update and fill add the row's tags. Whatever the mode, a row matching a contact an " +
        "earlier row of the same file created or updated is skipped (reason duplicate_in_file)",
    ),
  dryRun: z
    .boolean()
    .default(false)
    .describe(
      "A preview: the import is decided row by row exactly as it would be (same outcomes, reasons and counts, " +
        "kept and read like an import's) but no contact, tag, company or custom field is written. A row that " +
        "would create a contact has contactId null. Confirm a completed preview (POST " +
        "/contacts/imports/{id}/confirm) to import its file without sending it again",
    ),
});

export const confirmContactImportInput = strictInput({
  id: id.describe("The preview's id (an import started with dryRun, completed)"),
  onDuplicate: z
    .enum(contactImportModes)
    .optional()
    .describe("The import's mode, when it should not be the preview's (see POST /contacts/imports)"),
});

/** Kept in step with `importFileErrorCodes` in the domain (a test compares them). */
export const contactImportFileErrorCodes = [
  "empty",
  "too_large",
  "no_header",
  "no_known_columns",
  "duplicate_column",
  "same_column",
  "other",
] as const;

export const contactImportFileError = z
  .object({
    code: z.enum(contactImportFileErrorCodes).describe("Why, for a program (or a translation) to read"),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe(
        "The values it names: column (duplicate_column), first and second (same_column), max (too_large), " +
          "message (other)",
      ),
  })
  .describe("Why the whole import failed, as a code");

export const contactImport = z.object({
  id,
  status: z.enum(["queued", "running", "completed", "failed"]),
  onDuplicate: z.enum(contactImportModes),
  dryRun: z.boolean().describe("A preview, which wrote no contact: its rows say what an import would do"),
  confirmedImportId: id
    .nullable()
    .describe("For a preview: the import that confirming it started; null until it is confirmed"),
  total: z.number().int().nullable().describe("Data rows in the file; null until the job has read it"),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z
    .number()
    .int()
    .describe(
      'Duplicates of existing contacts left as they were because onDuplicate is "skip", and rows repeating an earlier row of the file',
    ),
  unchanged: z
    .number()
    .int()
    .describe(
      'Rows that matched a contact already holding their values, so there was nothing to update: their outcome is "unchanged"',
    ),
  failed: z.number().int().describe('Rows that could not be imported: their outcome is "error"'),
  warned: z
    .number()
    .int()
    .describe(
      "Rows imported without some of their values (their `warnings` say which), whatever their outcome",
    ),
  error: z.string().nullable().describe("Why the whole import failed, in English"),
  errorReason: contactImportFileError
    .nullable()
    .describe("The same as a code with its values; null unless failed (and for imports failed before codes)"),
  ignoredColumns: z
    .array(z.string())
    .describe(
      "The header's columns the import does not know (no contact field, no custom field's key or label), as " +
        "written in the file: their values were not imported. Create a custom field with that label to import " +
        "one. Empty until the job has read the header",
    ),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});

export const contactImportPage = pageOf(contactImport);
export const listContactImportsInput = z.object({ ...pageInput });

/** Kept in step with `importReasonCodes` in the domain (a test compares them). */
export const contactImportReasonCodes = [
  "row_too_long",
  "separator_mismatch",
  "unclosed_quote",
  "unreadable",
  "name_required",
  "name_too_long",
  "invalid_email",
  "invalid_phone",
  "company_too_long",
  "tag_too_long",
  "field_required",
  "invalid_text",
  "text_too_long",
  "invalid_number",
  "ambiguous_number",
  "invalid_boolean",
  "invalid_date",
  "impossible_date",
  "invalid_option",
  "duplicate",
  "duplicate_in_file",
  "unchanged",
  "nothing_to_fill",
  "changed_fields",
  "identity_conflict",
  "id_conflict",
  "created_meanwhile",
  "taken_meanwhile",
  "deleted_meanwhile",
  "other",
] as const;

export const contactImportReason = z.object({
  code: z.enum(contactImportReasonCodes).describe("Why, for a program (or a translation) to read"),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe(
      "The values the reason names: field and label (a custom field), value (the cell), max, options, " +
        "order (dmy, mdy or iso: how a date was expected), by (id, phone or email: a duplicate), row (the " +
        "earlier row of the file a duplicate_in_file repeats), fields (changed_fields: the fields an update " +
        "changed, separated by commas: name, email, phone, company, tags, metadata.<key>), values and columns " +
        "(a row too long), separator and headerSeparator (separator_mismatch: the row is separated by another " +
        "character than the header), message (other)",
    ),
});

export const contactImportWarning = z
  .object({
    field: z.string().describe("The custom field's key"),
    reason: contactImportReason.describe("Why its cell was left out"),
  })
  .describe("A value the row was imported without");

export const contactImportRowOutcomes = ["created", "updated", "skipped", "unchanged", "error"] as const;

export const contactImportRow = z.object({
  rowNumber: z.number().int().describe("1 is the first line after the header (the spreadsheet's line 2)"),
  outcome: z
    .enum(contactImportRowOutcomes)
    .describe(
      '"unchanged": it matched a contact already holding its values, so nothing was written (the import\'s ' +
        '`unchanged` count); "skipped": a duplicate left as it was because onDuplicate is "skip", or a row ' +
        "repeating an earlier row of the file",
    ),
  reason: z.string().nullable().describe("Why it was skipped, unchanged or failed, in English"),
  reasons: z
    .array(contactImportReason)
    .describe(
      "The same as codes with their values, one per problem; for an updated row, changed_fields with the " +
        "fields it changed; empty when created (and for rows imported before reasons had codes)",
    ),
  warnings: z
    .array(contactImportWarning)
    .describe(
      "The optional custom fields whose cells did not fit (a number that is not one, a date not on the " +
        "calendar, an unknown option): the row was imported without them. Empty for most rows",
    ),
  contactId: id.nullable(),
});
export const contactImportRowPage = pageOf(contactImportRow);
/**
 * The row outcomes; "failed" (the import's count of error rows) is taken as another name for "error", and
 * "warned" (the import's count) picks the rows with warnings, whatever their outcome.
 */
export const contactImportRowOutcomeFilter = [...contactImportRowOutcomes, "failed", "warned"] as const;
export const contactImportRowsInput = z.object({
  id,
  outcome: z
    .enum(contactImportRowOutcomeFilter)
    .optional()
    .describe(
      'Only the rows of this outcome, in file order. "failed", the name of the import\'s count, is the same as ' +
        '"error", the rows\' name for it; "warned" gives the rows with warnings',
    ),
  ...pageInput,
});
