export type NumberText = { ok: true; value: number } | { ok: false; problem: string };

const plain = /^-?\d+([.,]\d+)?$/;
const grouped = (group: "." | ",", decimal: "." | ",") =>
  new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`);
const groupedByDot = grouped(".", ",");
const groupedByComma = grouped(",", ".");
/** "1.234" or "12,500": a thousands group in Brazil, a decimal in the US; a leading 0 ("0,125") is never a group. */
const eitherWay = /^-?[1-9]\d{0,2}[.,]\d{3}$/;

/**
 * Reads a number typed by a person in either convention ("1.234,56" or "1,234.56", "1,5" or "1.5"). One that
 * means a thousand times more in one convention than in the other is refused, not guessed.
 */
export function readNumberText(text: string): NumberText | undefined {
  const trimmed = text.trim();
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
