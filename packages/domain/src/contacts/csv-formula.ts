/** A phone number ("+55 (11) 98765-4321") or a signed number ("-3.5"): a spreadsheet shows it, runs nothing. */
const numberLike = /^[+-]?[\d\s().,-]*$/;

/** Spreadsheets run text starting with = + - @ tab or CR as a formula; phone numbers and numbers aside. */
const runsAsFormula = (text: string) =>
  /^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !numberLike.test(text));

/**
 * Whether the export guards a segment: it would run as a formula once its leading quotes are gone. Text that
 * already starts with a quote before a formula (`'=x`) gets one more, so the import can take exactly one off.
 */
const guarded = (segment: string) => runsAsFormula(segment.replace(/^'+/, ""));

/**
 * Text that a spreadsheet would run as a formula gets a leading quote. So does each ";"-separated part (tags,
 * multi-selects, a name with ";"), as a spreadsheet splitting on ";" would make it a cell. Phone numbers and
 * signed numbers ("+5511...", "-3.5") stay as they are.
 */
export function neutralizeFormula(value: string): string {
  return value
    .split(";")
    .map((segment) => (guarded(segment) ? `'${segment}` : segment))
    .join(";");
}

/**
 * Undoes `neutralizeFormula` exactly, so an exported file imports back to the same values: the quote it added
 * goes, any other quote stays (`'hello` is kept as typed).
 */
export function restoreFormula(value: string): string {
  if (!value.includes("'")) return value;
  return value
    .split(";")
    .map((segment) => (segment.startsWith("'") && guarded(segment.slice(1)) ? segment.slice(1) : segment))
    .join(";");
}
