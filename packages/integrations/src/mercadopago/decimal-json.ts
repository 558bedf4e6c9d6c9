import { randomUUID } from "node:crypto";

/** A placeholder for `jsonWithDecimals`, new each time: no text from a user (a description) can be it. */
export const decimalPlaceholder = (): string => `decimal:${randomUUID()}`;

/**
 * Mercado Pago takes amounts as JSON numbers with decimals (1234.56). To keep them exact, the decimal
 * strings are written into the JSON text as number literals instead of passing through a float.
 */
export function jsonWithDecimals(body: Record<string, unknown>, decimals: Record<string, string>): string {
  let json = JSON.stringify(body);
  for (const [placeholder, amount] of Object.entries(decimals)) {
    if (!/^-?\d+(\.\d+)?$/.test(amount)) throw new Error(`Not a decimal: ${amount}`);
    json = json.replace(JSON.stringify(placeholder), amount);
  }
  return json;
}

/** A JSON number as the decimal string it was written as (Mercado Pago amounts have at most 2 decimals). */
export const decimalOf = (value: unknown): string | undefined =>
  typeof value === "number" && Number.isFinite(value) && Math.abs(value) < 1e13 ? String(value) : undefined;
