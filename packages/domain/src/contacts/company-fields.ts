import { fieldErrorCollector, isBlank } from "../shared/field-parsing";
import { parseName } from "../shared/names";
import { type Phone, parsePhone } from "../shared/phone";
import { type Cnpj, parseCnpj } from "./cnpj";
import { type PostalAddress, type PostalAddressInput, parsePostalAddress } from "./postal-address";
import { parseWebsiteDomain, type WebsiteDomain } from "./website-domain";

export const maxCompanyNameLength = 200;

export interface CompanyFieldsInput {
  name?: string | undefined;
  /** null or "" clears it; so does an address with every part blank */
  taxId?: string | null | undefined;
  domain?: string | null | undefined;
  phone?: string | null | undefined;
  address?: PostalAddressInput | null | undefined;
}

export interface CompanyFields {
  name?: string;
  taxId?: Cnpj | null;
  domain?: WebsiteDomain | null;
  phone?: Phone | null;
  address?: PostalAddress | null;
}

/**
 * Validates and normalizes the fields present: the CNPJ without punctuation, the website as its bare host,
 * the phone in E.164 (read in `region` without a country code), the address trimmed. All problems at once.
 */
export function parseCompanyFields(input: CompanyFieldsInput, region = "BR"): CompanyFields {
  const fields: CompanyFields = {};
  const { attempt, throwIfAny } = fieldErrorCollector();
  const { name, taxId, domain, phone, address } = input;
  if (name !== undefined)
    attempt(() => {
      fields.name = parseName(name, "name", maxCompanyNameLength);
    });
  if (taxId !== undefined)
    attempt(() => {
      fields.taxId = isBlank(taxId) ? null : parseCnpj(taxId ?? "");
    });
  if (domain !== undefined)
    attempt(() => {
      fields.domain = isBlank(domain) ? null : parseWebsiteDomain(domain ?? "");
    });
  if (phone !== undefined)
    attempt(() => {
      fields.phone = isBlank(phone) ? null : parsePhone(phone ?? "", region);
    });
  if (address !== undefined)
    attempt(() => {
      fields.address = address === null ? null : (parsePostalAddress(address) ?? null);
    });
  throwIfAny();
  return fields;
}
