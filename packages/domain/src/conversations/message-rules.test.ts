import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { assertWhatsappWindowOpen, parseMessageText } from "./message-rules";

const now = new Date("2025-03-10T12:00:00.000Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

const codeOf = (run: () => unknown) => {
  try {
    run();
    return "OK";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

describe("WhatsApp's 24-hour window", () => {
  it("is open while the customer wrote less than 24 hours ago", () => {
    expect(codeOf(() => assertWhatsappWindowOpen(hoursAgo(23.9), now))).toBe("OK");
  });

  it("is closed 24 hours after the customer's last message, or before they ever wrote", () => {
    expect(codeOf(() => assertWhatsappWindowOpen(hoursAgo(24), now))).toBe("UNPROCESSABLE");
    expect(codeOf(() => assertWhatsappWindowOpen(null, now))).toBe("UNPROCESSABLE");
  });
});

describe("message text", () => {
  it("keeps the text as typed", () => {
    expect(parseMessageText("  Olá!\n", "telegram", false)).toBe("  Olá!\n");
  });

  it("refuses blank text", () => {
    expect(codeOf(() => parseMessageText(" \n ", "whatsapp", false))).toBe("VALIDATION_FAILED");
  });

  it("holds each channel to its provider's limit, and notes to their own", () => {
    const text = "a".repeat(2001);
    expect(codeOf(() => parseMessageText(text, "discord", false))).toBe("VALIDATION_FAILED");
    expect(codeOf(() => parseMessageText(text, "telegram", false))).toBe("OK");
    expect(codeOf(() => parseMessageText(text, "discord", true))).toBe("OK");
  });
});
