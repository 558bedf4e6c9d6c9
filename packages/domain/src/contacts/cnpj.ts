import { validationFailed } from "../shared/errors";

/** A CNPJ as stored: its 14 characters without punctuation, letters upper-cased, e.g. "12345678000195". */
export type Cnpj = string & { readonly __brand: "Cnpj" };

// Since July 2026 (IN RFB 2.229/2024) the 12 characters before the check digits may be letters; the check
// digits stay numeric. Each character counts as its ASCII code minus 48 ("0" = 0, "A" = 17), so the numeric
// CNPJs keep their check digits.
const cnpjShape = /^[0-9A-Z]{12}[0-9]{2}$/;
const punctuation = /[\s./-]/g;
const firstWeights = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const secondWeights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

const checkDigit = (characters: string, weights: number[]): number => {
  let sum = 0;
  for (const [index, weight] of weights.entries()) sum += (characters.charCodeAt(index) - 48) * weight;
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
};

/** The check digits the 12 characters before them call for. */
export const cnpjCheckDigits = (base: string): string => {
  const first = checkDigit(base, firstWeights);
  return `${first}${checkDigit(`${base}${first}`, secondWeights)}`;
};

/** The CNPJ without punctuation and upper-cased when it has the right shape and check digits; otherwise undefined. */
export const checkCnpj = (input: string): Cnpj | undefined => {
  const compact = input.replace(punctuation, "").toUpperCase();
  if (!cnpjShape.test(compact)) return undefined;
  // all the same digit passes the arithmetic, yet no such CNPJ is ever issued
  if (/^(\d)\1{13}$/.test(compact)) return undefined;
  return compact.slice(12) === cnpjCheckDigits(compact.slice(0, 12)) ? (compact as Cnpj) : undefined;
};

/** Accepts "12.345.678/0001-95" or "12345678000195" (and the alphanumeric form); throws a field error otherwise. */
export const parseCnpj = (input: string, field = "taxId"): Cnpj => {
  const compact = input.replace(punctuation, "").toUpperCase();
  if (!cnpjShape.test(compact)) {
    throw validationFailed(field, "A CNPJ has 14 characters: 12 digits or letters, then 2 check digits");
  }
  const cnpj = checkCnpj(compact);
  if (!cnpj) throw validationFailed(field, "Invalid CNPJ: its check digits do not match");
  return cnpj;
};

/** "12.345.678/0001-95"; anything that is not 14 characters comes back as it is. */
export const formatCnpj = (cnpj: string): string =>
  cnpj.length === 14
    ? `${cnpj.slice(0, 2)}.${cnpj.slice(2, 5)}.${cnpj.slice(5, 8)}/${cnpj.slice(8, 12)}-${cnpj.slice(12)}`
    : cnpj;

/** What a search text means as part of a CNPJ: its digits and letters, punctuation dropped; "" when none. */
export const cnpjFragment = (search: string): string => search.replace(punctuation, "").toUpperCase();
