import { describe, expect, it } from "vitest";
import { needsNumberOwnershipCheck } from "./number-ownership";

const stored = {
  phoneNumberId: "123",
  accessToken: "token-a",
  appSecret: "secret-a",
  verifyToken: "verify-a",
};

describe("when WhatsApp is asked whether the token can use the number", () => {
  it("asks for a new integration and for a changed number or token, not for the other settings", () => {
    expect(needsNumberOwnershipCheck("whatsapp", undefined, stored)).toBe(true);
    expect(needsNumberOwnershipCheck("whatsapp", stored, { ...stored, phoneNumberId: "456" })).toBe(true);
    expect(needsNumberOwnershipCheck("whatsapp", stored, { ...stored, accessToken: "token-b" })).toBe(true);
    expect(needsNumberOwnershipCheck("whatsapp", stored, { ...stored, appSecret: "secret-b" })).toBe(false);
    expect(needsNumberOwnershipCheck("whatsapp", stored, { ...stored })).toBe(false);
  });

  it("never asks for a channel routed by its own webhook URL", () => {
    const discord = { applicationId: "1", publicKey: "a".repeat(64), botToken: "bot-token" };
    expect(needsNumberOwnershipCheck("discord", undefined, discord)).toBe(false);
    expect(needsNumberOwnershipCheck("telegram", undefined, { botToken: "1:x", secretToken: "y" })).toBe(
      false,
    );
  });
});
