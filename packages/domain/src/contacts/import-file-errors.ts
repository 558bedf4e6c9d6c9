import { DomainError } from "../shared/errors";

/**
 * Why a whole CSV import was refused or failed, as a code with its values: the web app words it in the
 * reader's language, and `describeImportFileError` in English for the API's `error` and messages.
 */
export const importFileErrorCodes = [
  "empty",
  "too_large",
  "no_header",
  "no_known_columns",
  "duplicate_column",
  "same_column",
  "other",
] as const satisfies ReadonlyArray<string>;
export type ImportFileErrorCode = (typeof importFileErrorCodes)[number];

export interface ImportFileError {
  code: ImportFileErrorCode;
  /** `max` (too_large), `column` (duplicate_column), `first` and `second` (same_column), `message` (other) */
  params: Record<string, string | number>;
}

const text = (value: string | number | undefined) => (value === undefined ? "" : String(value));

export function describeImportFileError({ code, params }: ImportFileError): string {
  switch (code) {
    case "empty":
      return "The CSV is empty";
    case "too_large":
      return `The CSV must have at most ${text(params.max)} characters`;
    case "no_header":
      return "The file has no header line";
    case "no_known_columns":
      return (
        "The first line must be a header naming at least one of the columns name, email, phone " +
        "(or nome, e-mail, telefone, celular, whatsapp)"
      );
    case "duplicate_column":
      return `The column "${text(params.column)}" appears twice`;
    case "same_column":
      return `The columns "${text(params.first)}" and "${text(params.second)}" are the same column`;
    case "other":
      return text(params.message);
  }
}

/** A 400 about the `csv` field, in English, carrying its code for the import to keep. */
export function importFileError(
  code: ImportFileErrorCode,
  params: ImportFileError["params"] = {},
): DomainError {
  const message = describeImportFileError({ code, params });
  return new DomainError("VALIDATION_FAILED", message, {
    fieldErrors: { csv: [message] },
    importFileError: { code, params },
  });
}

/** The code of an error made by `importFileError`; any other domain error is "other", with its message. */
export function importFileErrorOf(error: DomainError): ImportFileError {
  const carried = error.details?.importFileError as ImportFileError | undefined;
  return carried ?? { code: "other", params: { message: error.message } };
}
