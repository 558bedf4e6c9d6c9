export type NumberText = { ok: true; value: number } | { ok: false; problem: string };

const plain = /^-?\d+([.,]\d+)?$/;
const grouped = (group: "." | ",", decimal: "." | ",") =>
  new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`);
const groupedByDot = grouped(".", ",");
const groupedByComma = grouped(",", ".");
/** "1.234" or "12,500": a thousands group in Brazil, a decimal in the US; a leading 0 ("0,125") is never a group. */
const eitherWay = /^-?[1-9]\d{0,2}[.,]\d{3}$/;

/** A currency mark before or after the number, as a spreadsheet formats money: "R$ 1.234,56", "1.500 BRL". */
const currencyMark =
  /^(?:R\$|US\$|\$|€|BRL|USD|EUR)[\s\u00a0\u202f]*|[\s\u00a0\u202f]*(?:R\$|US\$|\$|€|BRL|USD|EUR)$/giu;

/**
 * Reads a number typed by a person in either convention ("1.234,56" or "1,234.56", "1,5" or "1.5"), with or
 * without a currency mark. One that means a thousand times more in one convention than in the other ("1.500")
 * is read with the `decimal` separator given (the organization's language: "," in Portuguese, so a thousand
 * and five hundred, as the deal form reads it), and refused, not guessed, without one.
 */
export function readNumberText(
  text: string,
  options: { decimal?: "," | "." | undefined } = {},
): NumberText | undefined {
  const trimmed = text
    .trim()
    .replace(currencyMark, "")
    .replace(/^-[\s\u00a0\u202f]+/u, "-");
  if (eitherWay.test(trimmed) && options.decimal) {
    const group = options.decimal === "," ? "." : ",";
    return { ok: true, value: Number(trimmed.replace(group, "").replace(",", ".")) };
  }
  if (eitherWay.test(trimmed)) {
    return {
      ok: false,
      problem: `"${trimmed}" is ambiguous (a thousands separator or a decimal point?): write it without thousands separators`,
    };
  }
  if (plain.test(trimmed)) return { ok: true, value: Number(trimmed.replace(",", ".")) };
  if (groupedByDot.test(trimmed))
    return { ok: true, value: Number(trimmed.replaceAll(".", "").replace(",", ".")) };
  if (groupedByComma.test(trimmed)) return { ok: true, value: Number(trimmed.replaceAll(",", "")) };
  return undefined;
}
