import { type ImportReason, importReason } from "@crm/domain";
import { type CsvError, type Options, parse } from "csv-parse";

/*
 * Lenient on purpose: a stray quote or a row with too many or too few values is one bad row that the
 * import reports, not a reason to stop. What is left is a quote still open at the end of the file: the
 * parser skips that last record (reporting it) instead of failing, which would drop the records before it.
 * Every line ending ends a record: the parser otherwise keeps the first it meets, and a file whose header
 * ends in CRLF and its rows in LF (lines added in another editor) would read as one long, refused row.
 */
const options: Options = {
  bom: true,
  record_delimiter: ["\r\n", "\n", "\r"],
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
  skip_records_with_error: true,
};

const delimiters = [",", ";", "\t"] as const;

/** Per line of the text's start, how often each separator occurs outside quotes; `lines` at most. */
function separatorCounts(text: string, lines: number): Array<Map<string, number>> {
  const counted: Array<Map<string, number>> = [];
  let counts = new Map<string, number>(delimiters.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  let blank = true;
  const endLine = () => {
    if (!blank) counted.push(counts);
    counts = new Map<string, number>(delimiters.map((delimiter) => [delimiter, 0]));
    blank = true;
  };
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) {
      endLine();
      if (counted.length >= lines) return counted;
      continue;
    } else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
    if (char.trim() !== "" && char !== "\uFEFF") blank = false;
  }
  endLine();
  return counted;
}

const mostUsed = (counts: Map<string, number> | undefined): string =>
  // the first of the most frequent, so a tie or a one-column header stays `,`
  delimiters.reduce((best, delimiter) =>
    (counts?.get(delimiter) ?? 0) > (counts?.get(best) ?? 0) ? delimiter : best,
  );

/**
 * The one of `,` `;` tab that the header line holds most outside quotes, `,` on a tie or when none: Excel in
 * Portuguese saves with `;`. Not the parser's `delimiter_auto`, which counts inside quotes and fails on a
 * quoted field or a non-ASCII letter.
 */
export function detectDelimiter(text: string): string {
  return mostUsed(separatorCounts(text, 1)[0]);
}

/** Data lines looked at to tell whether the rows use another separator than the header. */
const sampledLines = 200;

export interface CsvSeparators {
  /** The header's, which the file is read with. */
  delimiter: string;
  /**
   * Another separator that most data rows use instead (none of the header's outside quotes): a header typed
   * into one cell, as Excel in Portuguese does with a comma template, then saved with `;`. Those rows are
   * refused, never read as one long name.
   */
  rowDelimiter?: string;
}

/** Decides from the header and the first rows together (a single odd row, such as "Silva, João" alone, is no sign). */
export function detectSeparators(text: string): CsvSeparators {
  const [header, ...rows] = separatorCounts(text, sampledLines + 1);
  const delimiter = mostUsed(header);
  if ((header?.get(delimiter) ?? 0) === 0 || rows.length === 0) return { delimiter };
  const others = rows.filter((row) => (row.get(delimiter) ?? 0) === 0).map(mostUsed);
  const other = mostUsed(
    new Map(delimiters.map((d) => [d, d === delimiter ? 0 : others.filter((o) => o === d).length])),
  );
  const using = others.filter((found) => found === other).length;
  return other !== delimiter && using > 0 && using * 2 >= rows.length
    ? { delimiter, rowDelimiter: other }
    : { delimiter };
}

/** Whether `raw` (a record's text) holds `separator` outside quotes. */
function holdsOutsideQuotes(raw: string, separator: string): boolean {
  let quoted = false;
  for (const char of raw) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === separator) return true;
  }
  return false;
}

export type CsvItem = { values: string[] } | { unreadable: ImportReason };

/**
 * Streams the file's records, the header first; a record the parser gave up on comes last, as unreadable. A
 * row of one value that holds the separator the rows use instead of the header's (see `CsvSeparators`) comes
 * as unreadable (`separator_mismatch`), in its place.
 */
export async function* readCsv(text: string): AsyncGenerator<CsvItem> {
  const { delimiter, rowDelimiter } = detectSeparators(text);
  const parser = parse(text, { ...options, delimiter, raw: true });
  let skipped: CsvError | undefined;
  parser.on("skip", (error: CsvError) => {
    skipped ??= error;
  });
  let width: number | undefined;
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    const mismatch =
      rowDelimiter !== undefined &&
      width !== undefined &&
      width > 1 &&
      record.length === 1 &&
      holdsOutsideQuotes(raw, rowDelimiter);
    width ??= record.length;
    yield mismatch
      ? {
          unreadable: importReason("separator_mismatch", {
            separator: rowDelimiter,
            headerSeparator: delimiter,
          }),
        }
      : { values: record };
  }
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
