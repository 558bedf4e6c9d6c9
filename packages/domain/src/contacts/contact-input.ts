import { type Email, parseEmail } from "../shared/email";
import { validationFailed } from "../shared/errors";
import { fieldErrorCollector, isBlank } from "../shared/field-parsing";
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

/**
 * Validates and normalizes the contact's own fields that are present: name stripped of invisible ends, email lower-cased,
 * phone in E.164 (read in `region` when it has no country code).
 */
export function parseContactFields(input: ContactFieldsInput, region = defaultPhoneRegion): ContactFields {
  const fields: ContactFields = {};
  const { attempt, throwIfAny } = fieldErrorCollector();
  const { name, email, phone, companyId, companyName } = input;
  if (name !== undefined)
    attempt(() => {
      fields.name = parseName(name, "name", maxContactNameLength);
    });
  if (email !== undefined)
    attempt(() => {
      fields.email = isBlank(email) ? null : parseEmail(email ?? "");
    });
  if (phone !== undefined)
    attempt(() => {
      fields.phone = isBlank(phone) ? null : parsePhone(phone ?? "", region);
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
  throwIfAny();
  return fields;
}
