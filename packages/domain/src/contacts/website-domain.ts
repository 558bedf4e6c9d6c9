import { isValidDomain } from "../shared/email";
import { validationFailed } from "../shared/errors";

/** A company's website as its host name: lower-case, no scheme, path, port or "www.", e.g. "acme.com.br". */
export type WebsiteDomain = string & { readonly __brand: "WebsiteDomain" };

const maxLength = 253;
const scheme = /^[a-z][a-z0-9+.-]*:\/\//;

/** Accepts "https://www.Acme.com.br/contato", "acme.com.br" and the like; throws a field error otherwise. */
export const parseWebsiteDomain = (input: string, field = "domain"): WebsiteDomain => {
  const host = input
    .trim()
    .toLowerCase()
    .replace(scheme, "")
    .replace(/[/?#].*$/, "")
    .replace(/:\d+$/, "")
    .replace(/\.$/, "")
    .replace(/^www\./, "");
  if (host.length === 0 || host.length > maxLength || host.includes("@") || !isValidDomain(host)) {
    throw validationFailed(field, "Invalid domain: give a website such as acme.com.br");
  }
  return host as WebsiteDomain;
};
