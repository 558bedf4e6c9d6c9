import type { CountryCode, PhoneNumber } from "libphonenumber-js/max";
import { isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { DomainError, validationFailed } from "./errors";

/** A phone number in E.164 form, e.g. "+5511987654321". */
export type Phone = string & { readonly __brand: "Phone" };

const maxInputLength = 64;
// In Brazil mobiles start with 6-9 and landlines with 2-5, so an 8-digit subscriber number starting 6-9 is a
// mobile written without the ninth digit, and dropping the 9 never yields someone else's landline.
const brazilianMobileWithNinthDigit = /^\+55(\d{2})9([6-9]\d{7})$/;
const brazilianMobileWithoutNinthDigit = /^\+55(\d{2})([6-9]\d{7})$/;

/** Why a phone number was refused, when more can be said than "invalid" (`details.fieldReasons`). */
export type PhoneProblem = "missing_area_code";

/** The message (and `fieldReasons` code) of a Brazilian number typed without its area code. */
export const missingAreaCodeMessage =
  "Phone number has no area code (DDD): write it with the area code, e.g. (11) 98765-4321, or in international form, e.g. +55 11 98765-4321";

// 8 digits (a landline, an old mobile) or 9 starting with 9 (a mobile): a subscriber number, no DDD before it
const brazilianNumberWithoutAreaCode = /^(?:[2-9]\d{7}|9\d{8})$/;

/** "98765-4321" in Brazil: a whole subscriber number, but with no area code nor country code before it. */
const lacksBrazilianAreaCode = (input: string, region: string): boolean =>
  region === "BR" &&
  !/^\s*(?:\+|00)/.test(input) &&
  /^[\d\s().-]+$/.test(input) &&
  brazilianNumberWithoutAreaCode.test(input.replace(/\D/g, ""));

const missingAreaCode = (field: string) =>
  new DomainError("VALIDATION_FAILED", missingAreaCodeMessage, {
    fieldErrors: { [field]: [missingAreaCodeMessage] },
    fieldReasons: { [field]: "missing_area_code" satisfies PhoneProblem },
  });

const parse = (input: string, region: CountryCode): PhoneNumber | undefined =>
  parsePhoneNumberFromString(input, { defaultCountry: region, extract: false });

const isMobile = (e164: string): boolean => parse(e164, "BR")?.getType() === "MOBILE";

// WhatsApp still reports many Brazilian mobiles without the ninth digit. Some short forms (old 7x radio
// numbers) still pass libphonenumber's check, but the form with the 9 is the one we keep.
const completeBrazilianMobile = (e164: string): string | undefined => {
  const match = e164.match(brazilianMobileWithoutNinthDigit);
  if (!match) return undefined;
  const completed = `+55${match[1]}9${match[2]}`;
  return isMobile(completed) ? completed : undefined;
};

/**
 * Parses a number as typed by a person or sent by a channel into E.164. Numbers without a country code are
 * read in `defaultRegion` (ISO 3166 alpha-2). A Brazilian mobile missing its ninth digit gets it back.
 */
export const parsePhone = (input: string, defaultRegion = "BR", field = "phone"): Phone => {
  const region = defaultRegion.toUpperCase();
  if (!isSupportedCountry(region)) throw validationFailed(field, `Unknown phone region ${defaultRegion}`);
  if (input.length <= maxInputLength && lacksBrazilianAreaCode(input, region)) throw missingAreaCode(field);
  const parsed = input.length <= maxInputLength ? parse(input, region) : undefined;
  if (!parsed) throw validationFailed(field, "Invalid phone number");
  if (parsed.ext) throw validationFailed(field, "Phone extensions are not supported");
  const e164 = completeBrazilianMobile(parsed.number) ?? (parsed.isValid() ? parsed.number : undefined);
  if (!e164) throw validationFailed(field, "Invalid phone number");
  return e164 as Phone;
};

/**
 * Every form under which a Brazilian mobile may arrive, the one with the ninth digit first.
 * Any other number answers only itself.
 */
export const brazilianMobileVariants = (e164: Phone): Phone[] => {
  const full = e164.match(brazilianMobileWithNinthDigit);
  if (full && isMobile(e164)) return [e164, `+55${full[1]}${full[2]}` as Phone];
  const completed = completeBrazilianMobile(e164);
  if (completed) return [completed as Phone, e164];
  return [e164];
};

/**
 * A stored number as people write it across borders, "+55 47 99999-0000": with its spaces a spreadsheet keeps it
 * as text (a bare "+5547999990000" becomes the number 5,55E+12), and `parsePhone` reads it back the same.
 */
export function internationalPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  // a Brazilian writes the subscriber number with its hyphen: "+55 47 99999-0000", not "+55 47 99999 0000"
  const national =
    parsed.country === "BR" ? parsed.formatNational().match(/^\((\d{2})\) (\d{4,5}-\d{4})$/) : null;
  return national ? `+55 ${national[1]} ${national[2]}` : parsed.formatInternational();
}
