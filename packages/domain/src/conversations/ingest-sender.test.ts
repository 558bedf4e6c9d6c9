import { describe, expect, it } from "vitest";
import { parsePhone } from "../shared/phone";
import { senderName, senderPhone } from "./ingest-sender";

describe("inbound sender", () => {
  it.each([
    [{ channelUserId: "5511987654321", phone: "+5511987654321" }, "+5511987654321"],
    [{ channelUserId: "551187654321", phone: "+551187654321" }, "+5511987654321"],
    [{ channelUserId: "551187654321" }, "+5511987654321"],
    [{ channelUserId: "14155550123" }, "+14155550123"],
    [{ channelUserId: "BR.abc123", phone: "not a phone" }, undefined],
  ])("reads the WhatsApp sender %j as %s", (sender, phone) => {
    expect(senderPhone("whatsapp", sender)).toBe(phone);
  });

  it("never reads a phone from another channel's user id", () => {
    expect(senderPhone("telegram", { channelUserId: "5511987654321" })).toBeUndefined();
  });

  it.each([
    [{ channelUserId: "1", name: "  Ana Souza ", username: "ana" }, undefined, "Ana Souza"],
    [{ channelUserId: "1", name: " ", username: "ana" }, undefined, "ana"],
    [{ channelUserId: "5511987654321" }, "+5511987654321", "+5511987654321"],
    [{ channelUserId: "U123" }, undefined, "U123"],
  ] as const)("names a new contact from %j", (sender, phone, name) => {
    expect(senderName(sender, phone && parsePhone(phone))).toBe(name);
  });

  it("cuts a very long profile name", () => {
    expect(senderName({ channelUserId: "1", name: "x".repeat(500) }, undefined)).toHaveLength(200);
  });
});
