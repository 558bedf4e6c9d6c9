import { DomainError, type FieldErrors } from "../shared/errors";

/** A Brazilian address; every part optional. `postalCode` is the CEP's 8 digits, `state` the UF's 2 letters. */
export interface PostalAddress {
  street?: string;
  number?: string;
  complement?: string;
  district?: string;
  city?: string;
  state?: string;
  postalCode?: string;
}

export type PostalAddressInput = { [Part in keyof PostalAddress]?: string | null | undefined };

export const maxAddressPartLength = 200;
const textParts = ["street", "number", "complement", "district", "city"] as const;
const states = new Set(
  "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO".split(" "),
);

/**
 * Trims every part and drops the blank ones; the CEP keeps its digits ("01310-100" → "01310100") and the
 * UF is upper-cased. Undefined when no part is left. Field errors are named `address.<part>`.
 */
export function parsePostalAddress(input: PostalAddressInput, field = "address"): PostalAddress | undefined {
  const address: PostalAddress = {};
  const fieldErrors: FieldErrors = {};
  for (const part of textParts) {
    const value = input[part]?.trim();
    if (!value) continue;
    if (value.length > maxAddressPartLength) {
      fieldErrors[`${field}.${part}`] = [`${part} must have at most ${maxAddressPartLength} characters`];
    } else address[part] = value;
  }
  const state = input.state?.trim().toUpperCase();
  if (state) {
    if (states.has(state)) address.state = state;
    else fieldErrors[`${field}.state`] = ["state must be a Brazilian UF such as SP or RJ"];
  }
  const postalCode = input.postalCode?.trim();
  if (postalCode) {
    const digits = postalCode.replace(/[\s.-]/g, "");
    if (/^\d{8}$/.test(digits)) address.postalCode = digits;
    else fieldErrors[`${field}.postalCode`] = ["postalCode must be a CEP of 8 digits, such as 01310-100"];
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new DomainError("VALIDATION_FAILED", Object.values(fieldErrors).flat().join("; "), { fieldErrors });
  }
  return Object.keys(address).length > 0 ? address : undefined;
}

/** "01310-100"; anything that is not 8 digits comes back as it is. */
export const formatPostalCode = (postalCode: string): string =>
  /^\d{8}$/.test(postalCode) ? `${postalCode.slice(0, 5)}-${postalCode.slice(5)}` : postalCode;
