import { describe, expect, it } from "vitest";
import { isCredentialFailure } from "./send-failure";

describe("isCredentialFailure", () => {
  it("recognizes each channel's refused credentials or permissions", () => {
    expect(
      isCredentialFailure("WhatsApp: Error validating access token: Session has expired. (code 190)"),
    ).toBe(true);
    expect(
      isCredentialFailure("WhatsApp: (#10) Application does not have permission for this action (code 10)"),
    ).toBe(true);
    expect(isCredentialFailure("Telegram: Unauthorized")).toBe(true);
    expect(isCredentialFailure("Slack: token_revoked")).toBe(true);
    expect(isCredentialFailure("Discord: 401: Unauthorized")).toBe(true);
    expect(isCredentialFailure("Discord: Missing Permissions (code 50013)")).toBe(true);
  });

  it("leaves the customer's side, throttling and outages to the provider's own words", () => {
    expect(isCredentialFailure(null)).toBe(false);
    expect(isCredentialFailure("WhatsApp: Recipient phone number not in allowed list (code 131030)")).toBe(
      false,
    );
    expect(isCredentialFailure("WhatsApp: Rate limit hit (code 130429)")).toBe(false);
    expect(isCredentialFailure("Telegram: Forbidden: bot was blocked by the user")).toBe(false);
    expect(isCredentialFailure("Slack: channel_not_found")).toBe(false);
    expect(isCredentialFailure("WhatsApp: HTTP 503")).toBe(false);
  });
});
