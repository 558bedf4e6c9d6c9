import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * A stored E.164 number as people read it. A Brazilian number in the national form, "(11) 98765-4321",
 * without +55: our users are Brazilian businesses, and that is how they write their customers' numbers and
 * dial them. A number from elsewhere keeps the international form ("+1 415 555 2671"), since the country code
 * is what tells it apart. The stored form when the metadata does not know the number. Links (`tel:`) keep the
 * E.164 form.
 */
export function displayPhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  return phone.country === "BR" ? phone.formatNational() : phone.formatInternational();
}
