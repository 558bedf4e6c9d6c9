import { describe, expect, it } from "vitest";
import type { DeliveryStatus } from "../integrations/channel";
import { advanceStatus } from "./delivery-status";

describe("delivery status", () => {
  it.each([
    [null, "sent", "sent"],
    ["sent", "delivered", "delivered"],
    ["delivered", "sent", "delivered"],
    ["read", "delivered", "read"],
    ["pending", "read", "read"],
    ["failed", "read", "failed"],
    ["sent", "failed", "failed"],
    ["read", "failed", "read"],
  ] as const)("%s then %s keeps %s", (current, next, kept) => {
    expect(advanceStatus(current, next)).toBe(kept);
  });

  it("ends at the highest status whatever the arrival order", () => {
    const orders = [
      ["sent", "delivered", "read"],
      ["read", "sent", "delivered"],
      ["delivered", "read", "sent"],
    ] as const;
    for (const order of orders)
      expect(order.reduce<DeliveryStatus>((s, n) => advanceStatus(s, n), "pending")).toBe("read");
  });
});
