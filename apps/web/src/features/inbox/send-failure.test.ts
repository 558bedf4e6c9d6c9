import { interruptedSendError, unconfirmedSendError } from "@crm/domain/conversations/deliver-message";
import { describe, expect, it } from "vitest";
import { isCredentialFailure, sendFailureKind } from "./send-failure";

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

describe("sendFailureKind", () => {
  it("tells a provider that could not be reached from one that answered", () => {
    expect(sendFailureKind("Provider unreachable: fetch failed: connect ECONNREFUSED 127.0.0.1:37971")).toBe(
      "unreachable",
    );
    expect(sendFailureKind("No answer from the provider: The operation was aborted due to timeout")).toBe(
      "unreachable",
    );
    expect(sendFailureKind("WhatsApp: Recipient phone number not in allowed list (code 131030)")).toBe(
      "refused",
    );
    expect(sendFailureKind("Slack: channel_not_found")).toBe("refused");
    expect(sendFailureKind("Telegram: Unauthorized")).toBe("credentials");
  });

  it("recognizes a send that may have reached the customer", () => {
    expect(sendFailureKind(unconfirmedSendError)).toBe("unconfirmed");
    expect(sendFailureKind(interruptedSendError)).toBe("interrupted");
  });

  it("leaves anything else unknown, so no raw English reaches the sentence", () => {
    expect(sendFailureKind(null)).toBe("unknown");
    expect(sendFailureKind("The message could not be queued for sending; retry it")).toBe("unknown");
    expect(sendFailureKind("Re-engagement message (131047): more than 24 hours have passed")).toBe("unknown");
    expect(sendFailureKind("Provider unreachable is what we call it")).toBe("unknown");
  });
});
