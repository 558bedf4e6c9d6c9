import { type Email, parseEmail } from "../shared/email";
import { DomainError, type FieldErrors, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import { parseName } from "../shared/names";
import { type Phone, parsePhone } from "../shared/phone";
import { maxCompanyNameLength } from "./companies";

export const defaultPhoneRegion = "BR";
export const maxContactNameLength = 200;

export interface ContactFieldsInput {
  name?: string | undefined;
  /** null or "" clears it */
  email?: string | null | undefined;
  phone?: string | null | undefined;
  companyId?: string | null | undefined;
  /** The company by its name instead of `companyId` (found whatever its letter case, or created). */
  companyName?: string | undefined;
}

export interface ContactFields {
  name?: string;
  email?: Email | null;
  phone?: Phone | null;
  companyId?: string | null;
  companyName?: string;
}

const blank = (value: string | null | undefined) => value === null || value?.trim() === "";

/**
 * Validates and normalizes the contact's own fields that are present: name stripped of invisible ends, email lower-cased,
 * phone in E.164 (read in `region` when it has no country code).
 */
export function parseContactFields(input: ContactFieldsInput, region = defaultPhoneRegion): ContactFields {
  const fields: ContactFields = {};
  const fieldErrors: FieldErrors = {};
  const attempt = (parse: () => void) => {
    try {
      parse();
    } catch (error) {
      if (!(error instanceof DomainError) || !error.details?.fieldErrors) throw error;
      Object.assign(fieldErrors, error.details.fieldErrors);
    }
  };
  const { name, email, phone, companyId, companyName } = input;
  if (name !== undefined)
    attempt(() => {
      fields.name = parseName(name, "name", maxContactNameLength);
    });
  if (email !== undefined)
    attempt(() => {
      fields.email = blank(email) ? null : parseEmail(email ?? "");
    });
  if (phone !== undefined)
    attempt(() => {
      fields.phone = blank(phone) ? null : parsePhone(phone ?? "", region);
    });
  if (companyId !== undefined)
    attempt(() => {
      fields.companyId = companyId === null ? null : parseId(companyId, "companyId");
    });
  if (companyName !== undefined)
    attempt(() => {
      if (companyId !== undefined)
        throw validationFailed("companyName", "Give companyId or companyName, not both");
      fields.companyName = parseName(companyName, "companyName", maxCompanyNameLength);
    });
  if (Object.keys(fieldErrors).length > 0) {
    throw new DomainError("VALIDATION_FAILED", Object.values(fieldErrors).flat().join("; "), { fieldErrors });
  }
  return fields;
}
