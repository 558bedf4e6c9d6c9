import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * A stored E.164 number grouped the way its country groups it, in the international form
 * ("+55 11 98765 4321": contacts write from any country); the stored form when the metadata does not know
 * the number. Links (`tel:`) keep the E.164 form.
 */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
