import { validationFailed } from "./errors";

export type Email = string & { readonly __brand: "Email" };

const maxLength = 254;
const maxLocalLength = 64;
const maxLabelLength = 63;
// Dot-atom local part of RFC 5322, ASCII only; quoted local parts are legal but not worth supporting.
const localPattern = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const labelPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const topLevelPattern = /^([a-z]{2,}|xn--[a-z0-9-]+)$/;

/** A host name of at least two labels ending in a real-looking top-level domain, lower-case ASCII. */
export const isValidDomain = (domain: string): boolean => {
  const labels = domain.split(".");
  const topLevel = labels.at(-1);
  return (
    labels.length >= 2 &&
    topLevel !== undefined &&
    topLevelPattern.test(topLevel) &&
    labels.every((label) => label.length <= maxLabelLength && labelPattern.test(label))
  );
};

/** Trims and lower-cases, then checks an address shape that mail providers actually accept. */
export const parseEmail = (input: string, field = "email"): Email => {
  const email = input.trim().toLowerCase();
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const valid =
    at > 0 &&
    email.length <= maxLength &&
    local.length <= maxLocalLength &&
    localPattern.test(local) &&
    isValidDomain(domain);
  if (!valid) throw validationFailed(field, "Invalid email address");
  return email as Email;
};
