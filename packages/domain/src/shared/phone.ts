import type { CountryCode, PhoneNumber } from "libphonenumber-js/max";
import { isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { validationFailed } from "./errors";

/** A phone number in E.164 form, e.g. "+5511987654321". */
export type Phone = string & { readonly __brand: "Phone" };

const maxInputLength = 64;
// In Brazil mobiles start with 6-9 and landlines with 2-5, so an 8-digit subscriber number starting 6-9 is a
// mobile written without the ninth digit, and dropping the 9 never yields someone else's landline.
const brazilianMobileWithNinthDigit = /^\+55(\d{2})9([6-9]\d{7})$/;
const brazilianMobileWithoutNinthDigit = /^\+55(\d{2})([6-9]\d{7})$/;

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
