import type { PlainMessageKey } from "../../i18n/translate";
import type { ErrorMessageOverrides } from "../../lib/errors";

/** The server's names for the address parts, mapped onto the form's fields. */
export const addressServerFields = {
  "address.street": "street",
  "address.number": "number",
  "address.complement": "complement",
  "address.district": "district",
  "address.city": "city",
  "address.state": "state",
  "address.postalCode": "postalCode",
} as const;

const fieldErrorsOf = (error: unknown): Record<string, unknown> => {
  const data = typeof error === "object" && error !== null ? (error as { data?: unknown }).data : undefined;
  const fieldErrors =
    typeof data === "object" && data !== null ? (data as { fieldErrors?: unknown }).fieldErrors : undefined;
  return typeof fieldErrors === "object" && fieldErrors !== null
    ? (fieldErrors as Record<string, unknown>)
    : {};
};

/**
 * What the company form says of a refusal: a CONFLICT is about the name or the CNPJ, as its field errors tell;
 * an invalid CNPJ, website, UF or CEP gets its own sentence instead of the generic one.
 */
export function companyErrorMessages(error: unknown): {
  overrides: ErrorMessageOverrides;
  fieldMessages: Partial<Record<"taxId" | "domain" | "state" | "postalCode", PlainMessageKey>>;
} {
  const taxIdTaken = "taxId" in fieldErrorsOf(error);
  return {
    overrides: { CONFLICT: taxIdTaken ? "companies.taxIdTaken" : "companies.taken" },
    fieldMessages: {
      taxId: taxIdTaken ? "companies.taxIdTaken" : "companies.field.taxId",
      domain: "companies.field.domain",
      state: "companies.field.state",
      postalCode: "companies.field.postalCode",
    },
  };
}
