import { DomainError } from "../shared/errors";
import { maxWebhookUrlLength } from "./model";

export interface WebhookUrlPolicy {
  /** `http:` too (local development and tests); otherwise `https:` only. */
  allowHttp: boolean;
  /**
   * The URL's host when it is an IP address a webhook may not reach (loopback, private, link-local...), else
   * null. Host names are not resolved here: the sender checks what they resolve to at each delivery.
   */
  privateAddressOf(url: string): string | null;
}

/** Why a webhook's URL was refused (`details.fieldReasons.url`), for clients to word it in their language. */
export type WebhookUrlProblem =
  | "too_long"
  | "invalid_url"
  | "https_required"
  | "url_has_credentials"
  | "url_has_fragment"
  | "private_address";

const urlRefused = (reason: WebhookUrlProblem, message: string) =>
  new DomainError("VALIDATION_FAILED", message, {
    fieldErrors: { url: [message] },
    fieldReasons: { url: reason },
  });

/**
 * The URL a subscription posts to, checked when it is saved (an IP address host included). Whether a host name
 * resolves to a public address is checked at every delivery (DNS can change), by the sender.
 */
export function parseWebhookUrl(value: string, policy: WebhookUrlPolicy): string {
  const text = value.trim();
  if (text.length > maxWebhookUrlLength) {
    throw urlRefused("too_long", `The URL is longer than ${maxWebhookUrlLength} characters`);
  }
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)([^#\s]*)(#.*)?$/i.exec(text);
  const scheme = match?.[1]?.toLowerCase();
  const authority = match?.[2] ?? "";
  if (!match || !scheme) throw urlRefused("invalid_url", "Not a valid URL");
  const schemes = policy.allowHttp ? ["https", "http"] : ["https"];
  if (!schemes.includes(scheme)) {
    // where http is allowed too (development), another scheme is simply not a web address
    throw policy.allowHttp
      ? urlRefused("invalid_url", "Use an http(s) URL")
      : urlRefused("https_required", "Use an https URL");
  }
  if (authority.includes("@")) {
    throw urlRefused("url_has_credentials", "The URL may not carry a user name or password");
  }
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(authority)) {
    throw urlRefused("invalid_url", "The URL's host is not valid");
  }
  if (match[4] !== undefined) throw urlRefused("url_has_fragment", "The URL may not carry a #fragment");
  const url = `${scheme}://${authority.toLowerCase()}${match[3] ?? ""}`;
  const refused = policy.privateAddressOf(url);
  if (refused !== null) {
    throw urlRefused(
      "private_address",
      `${refused} is a private address: webhooks are sent to public addresses only`,
    );
  }
  return url;
}
