import { type ImportReason, importReason } from "@crm/domain";
import { type CsvError, parse } from "csv-parse";

/*
 * Lenient on purpose: a stray quote or a row with too many or too few values is one bad row that the
 * import reports, not a reason to stop. What is left is a quote still open at the end of the file: the
 * parser skips that last record (reporting it) instead of failing, which would drop the records before it.
 */
const options = {
  bom: true,
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
  skip_records_with_error: true,
} as const;

const delimiters = [",", ";", "\t"] as const;

/**
 * The one of `,` `;` tab that the header line holds most outside quotes, `,` on a tie or when none: Excel in
 * Portuguese saves with `;`. Not the parser's `delimiter_auto`, which counts inside quotes and fails on a
 * quoted field or a non-ASCII letter.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(delimiters.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  // the first of the most frequent, so a tie or a one-column header stays `,`
  return delimiters.reduce((best, delimiter) =>
    (counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0) ? delimiter : best,
  );
}

export type CsvItem = { values: string[] } | { unreadable: ImportReason };

/** Streams the file's records, the header first; a record the parser gave up on comes last, as unreadable. */
export async function* readCsv(text: string): AsyncGenerator<CsvItem> {
  const parser = parse(text, { ...options, delimiter: detectDelimiter(text) });
  let skipped: CsvError | undefined;
  parser.on("skip", (error: CsvError) => {
    skipped ??= error;
  });
  for await (const record of parser as AsyncIterable<string[]>) yield { values: record };
  if (skipped) {
    yield {
      unreadable: importReason(skipped.code === "CSV_QUOTE_NOT_CLOSED" ? "unclosed_quote" : "unreadable", {
        detail: skipped.message,
      }),
    };
  }
}

/** Data rows of the file: how many the import will report on. */
export async function countCsvRecords(text: string): Promise<number> {
  let count = 0;
  for await (const _ of readCsv(text)) count += 1;
  return Math.max(count - 1, 0);
}
