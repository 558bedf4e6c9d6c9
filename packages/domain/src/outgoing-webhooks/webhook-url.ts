import { validationFailed } from "../shared/errors";
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

/**
 * The URL a subscription posts to, checked when it is saved (an IP address host included). Whether a host name
 * resolves to a public address is checked at every delivery (DNS can change), by the sender.
 */
export function parseWebhookUrl(value: string, policy: WebhookUrlPolicy): string {
  const text = value.trim();
  if (text.length > maxWebhookUrlLength) {
    throw validationFailed("url", `The URL is longer than ${maxWebhookUrlLength} characters`);
  }
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)([^#\s]*)(#.*)?$/i.exec(text);
  const scheme = match?.[1]?.toLowerCase();
  const authority = match?.[2] ?? "";
  if (!match || !scheme) throw validationFailed("url", "Not a valid URL");
  const schemes = policy.allowHttp ? ["https", "http"] : ["https"];
  if (!schemes.includes(scheme)) {
    throw validationFailed("url", policy.allowHttp ? "Use an http(s) URL" : "Use an https URL");
  }
  if (authority.includes("@")) throw validationFailed("url", "The URL may not carry a user name or password");
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(authority)) {
    throw validationFailed("url", "The URL's host is not valid");
  }
  if (match[4] !== undefined) throw validationFailed("url", "The URL may not carry a #fragment");
  const url = `${scheme}://${authority.toLowerCase()}${match[3] ?? ""}`;
  const refused = policy.privateAddressOf(url);
  if (refused !== null) {
    throw validationFailed(
      "url",
      `${refused} is a private address: webhooks are sent to public addresses only`,
    );
  }
  return url;
}
