import { describe, expect, it } from "vitest";
import { isShareableLink } from "./shareable-link";

const now = new Date("2030-01-01T12:00:00Z");
const pending = {
  status: "pending" as const,
  paymentLink: "https://checkout.example/pay/cs_1",
  integrationId: "i1",
  expiresAt: "2030-01-02T11:00:00.000Z",
};

describe("a link that may still be shared", () => {
  it("is a pending one whose provider is connected and whose expiry has not passed", () => {
    expect(isShareableLink(pending, now)).toBe(true);
    expect(isShareableLink({ ...pending, expiresAt: null }, now)).toBe(true);
  });

  it("is not one paid, expired by the clock, or whose provider integration was deleted", () => {
    expect(isShareableLink({ ...pending, status: "paid" }, now)).toBe(false);
    expect(isShareableLink({ ...pending, expiresAt: "2030-01-01T11:59:59.000Z" }, now)).toBe(false);
    expect(isShareableLink({ ...pending, integrationId: null }, now)).toBe(false);
    expect(isShareableLink({ ...pending, paymentLink: null }, now)).toBe(false);
  });
});
