import { z } from "zod";
import { id, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

/** 20 MiB of text. */
export const maxContactImportCsvLength = 20 * 1024 * 1024;

export const startContactImportInput = z.object({
  csv: z
    .string()
    .max(maxContactImportCsvLength)
    .describe(
      "The CSV file's text, with a header line. Columns: name, email, phone, company, tags (separated by ;) " +
        "and custom field keys; other columns are ignored",
    ),
  onDuplicate: z
    .enum(["skip", "update"])
    .default("skip")
    .describe("A row whose phone or email matches an existing contact is skipped or updates it"),
});

export const contactImport = z.object({
  id,
  status: z.enum(["queued", "running", "completed", "failed"]),
  onDuplicate: z.enum(["skip", "update"]),
  total: z.number().int().nullable().describe("Data rows in the file; null until the job has read it"),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  error: z.string().nullable().describe("Why the whole import failed"),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});

export const contactImportRow = z.object({
  rowNumber: z.number().int().describe("1 is the first line after the header"),
  outcome: z.enum(["created", "updated", "skipped", "error"]),
  reason: z.string().nullable(),
  contactId: id.nullable(),
});
export const contactImportRowPage = pageOf(contactImportRow);
export const contactImportRowsInput = z.object({ id, ...pageInput });
