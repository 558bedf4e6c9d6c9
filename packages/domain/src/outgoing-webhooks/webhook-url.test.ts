import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { parseWebhookUrl, type WebhookUrlPolicy } from "./webhook-url";

const anyAddress = () => null;
const httpsOnly: WebhookUrlPolicy = { allowHttp: false, privateAddressOf: anyAddress };

function refusalError(url: string, policy: WebhookUrlPolicy): DomainError | undefined {
  try {
    parseWebhookUrl(url, policy);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

const refusal = (url: string, policy = httpsOnly) =>
  refusalError(url, policy)?.details?.fieldErrors?.url?.[0];

/** The code clients word the refusal by (`data.fieldReasons.url`). */
const reasonOf = (url: string, policy = httpsOnly) => refusalError(url, policy)?.details?.fieldReasons?.url;

describe("webhook URL", () => {
  it("takes an https URL, trimmed, with its host in lower case", () => {
    expect(parseWebhookUrl(" HTTPS://Hooks.Example.com:8443/crm?x=1 ", httpsOnly)).toBe(
      "https://hooks.example.com:8443/crm?x=1",
    );
  });

  it("takes http only where the server allows it", () => {
    expect(refusal("http://hooks.example.com/crm")).toBe("Use an https URL");
    expect(reasonOf("http://hooks.example.com/crm")).toBe("https_required");
    expect(
      parseWebhookUrl("http://127.0.0.1:4000/crm", { allowHttp: true, privateAddressOf: anyAddress }),
    ).toBe("http://127.0.0.1:4000/crm");
  });

  it.each([
    ["ftp://example.com/x", "Use an https URL", "https_required"],
    [
      "https://user:secret@example.com/x",
      "The URL may not carry a user name or password",
      "url_has_credentials",
    ],
    ["https://example.com/x#part", "The URL may not carry a #fragment", "url_has_fragment"],
    ["https:///nohost", "The URL's host is not valid", "invalid_url"],
    ["https://exa mple.com/", "Not a valid URL", "invalid_url"],
    ["not a url", "Not a valid URL", "invalid_url"],
    [`https://example.com/${"a".repeat(2048)}`, "The URL is longer than 2048 characters", "too_long"],
  ])("refuses %s, with a code saying why", (url, message, reason) => {
    expect(refusal(url)).toBe(message);
    expect(reasonOf(url)).toBe(reason);
  });

  it("words another scheme as not a web address where http is allowed too", () => {
    const httpToo = { allowHttp: true, privateAddressOf: anyAddress };
    expect(refusal("ftp://example.com/x", httpToo)).toBe("Use an http(s) URL");
    expect(reasonOf("ftp://example.com/x", httpToo)).toBe("invalid_url");
  });
});

describe("webhook URL with an IP address host", () => {
  const noPrivate = {
    allowHttp: false,
    privateAddressOf: (url: string) => (url.includes("127.0.0.1") ? "127.0.0.1" : null),
  };

  it("refuses an address the policy names as private", () => {
    expect(refusal("https://127.0.0.1/hook", noPrivate)).toBe(
      "127.0.0.1 is a private address: webhooks are sent to public addresses only",
    );
    expect(reasonOf("https://127.0.0.1/hook", noPrivate)).toBe("private_address");
    expect(parseWebhookUrl("https://hooks.example.com/hook", noPrivate)).toBe(
      "https://hooks.example.com/hook",
    );
  });
});
