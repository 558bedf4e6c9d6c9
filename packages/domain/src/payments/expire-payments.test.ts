import { describe, expect, it } from "vitest";
import { expiryChange, paymentExpiryCutoff, paymentExpiryGraceMs } from "./expire-payments";
import { canMoveTo } from "./status";

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute));

describe("the payment expiry sweep", () => {
  it("sweeps only links that expired more than the grace period ago", () => {
    expect(paymentExpiryGraceMs).toBe(60 * 60_000);
    expect(paymentExpiryCutoff(at(90))).toEqual(at(30));
  });

  it("marks the payment expired once, under an event id of its own per payment", () => {
    const payment = { id: "p1", organizationId: "o1", provider: "mercadopago" as const };
    expect(expiryChange(payment)).toEqual({
      organizationId: "o1",
      provider: "mercadopago",
      lookup: { paymentId: "p1" },
      event: { eventId: "expiry:p1", type: "expiry" },
      status: "expired",
      unlessAttempted: true,
    });
    expect(expiryChange({ ...payment, id: "p2" }).event.eventId).not.toBe(
      expiryChange(payment).event.eventId,
    );
  });

  it("moves a pending payment to expired, never a settled one, and a later paid still wins", () => {
    const { status } = expiryChange({ id: "p1", organizationId: "o1", provider: "stripe" });
    if (!status) throw new Error("the sweep's change has a status");
    expect(canMoveTo("pending", status)).toBe(true);
    for (const settled of ["paid", "refunded", "failed", "expired"] as const) {
      expect(canMoveTo(settled, status)).toBe(false);
    }
    expect(canMoveTo(status, "paid")).toBe(true);
  });
});
