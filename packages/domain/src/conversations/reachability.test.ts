import { describe, expect, it } from "vitest";
import { deliveryThreadOf, unreachableReason } from "./reachability";

const withPhone = { id: "c1", name: "Maria", phone: "+5511987654321", email: null };
const withoutPhone = { ...withPhone, phone: null };

describe("who a conversation can be started with", () => {
  it("reaches a WhatsApp contact at their number without the +, or at their known id first", () => {
    expect(deliveryThreadOf("whatsapp", withPhone, undefined)).toEqual({ threadId: "5511987654321" });
    expect(deliveryThreadOf("whatsapp", withoutPhone, "551187654321")).toEqual({ threadId: "551187654321" });
    expect(unreachableReason("whatsapp", withoutPhone, false)?.code).toBe("no_phone");
  });

  it("reaches Telegram and Slack contacts only once they wrote there, whatever their phone", () => {
    expect(unreachableReason("telegram", withPhone, false)?.code).toBe("never_wrote");
    expect(unreachableReason("slack", withPhone, false)?.message).toBe(
      "Maria cannot be reached on slack: they need to have written to you on slack first",
    );
    expect(deliveryThreadOf("telegram", withoutPhone, "4242")).toEqual({ threadId: "4242" });
  });

  it("never starts one on Discord, whose bots cannot write first", () => {
    expect(unreachableReason("discord", withPhone, true)?.code).toBe("customer_starts");
  });
});
