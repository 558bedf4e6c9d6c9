import { describe, expect, it } from "vitest";
import { maskChannelConfig, maskSecret, mergeChannelConfig, parseChannelConfig } from "./config";
import { fieldErrorsOf } from "./config-fixtures";

const telegram = {
  botToken: "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
  secretToken: "s3cr3t-token-for-webhooks",
};

describe("channel settings", () => {
  it("keeps a channel's fields, trimmed", () => {
    expect(
      parseChannelConfig("telegram", {
        botToken: ` ${telegram.botToken} `,
        secretToken: telegram.secretToken,
      }),
    ).toEqual(telegram);
  });

  it("names every missing, malformed or foreign field", () => {
    expect(
      fieldErrorsOf(() => parseChannelConfig("discord", { applicationId: "12a", botToken: "x", extra: "1" })),
    ).toEqual({
      "config.extra": ["extra is not a discord setting"],
      "config.applicationId": ["applicationId is invalid: digits only"],
      "config.publicKey": ["publicKey is required"],
      "config.botToken": ["botToken is invalid: 8-512 characters, no spaces"],
    });
  });

  it("merges a patch over the stored settings and checks the result", () => {
    expect(
      mergeChannelConfig("telegram", telegram, { secretToken: "another-secret-token", botToken: undefined }),
    ).toEqual({
      ...telegram,
      secretToken: "another-secret-token",
    });
    expect(
      fieldErrorsOf(() => mergeChannelConfig("telegram", telegram, { signingSecret: "x" })),
    ).toHaveProperty("config.signingSecret");
  });

  it("masks secrets, showing only the end of long ones, and shows public fields", () => {
    expect(maskSecret("short")).toBe("••••");
    expect(maskSecret("a-long-secret-value-1234")).toBe("••••1234");
    expect(
      maskChannelConfig("whatsapp", {
        phoneNumberId: "1234567890",
        accessToken: "EAAG-a-very-long-access-token-9876",
        appSecret: "0123456789abcdef0123456789abcdef",
        verifyToken: "verify",
      }),
    ).toEqual({
      phoneNumberId: "1234567890",
      accessToken: "••••9876",
      appSecret: "••••cdef",
      verifyToken: "••••",
    });
  });
});
