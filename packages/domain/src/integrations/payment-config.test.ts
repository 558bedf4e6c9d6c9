import { describe, expect, it } from "vitest";
import { isWebhookConfigured, maskChannelConfig, mergeChannelConfig, parseChannelConfig } from "./config";
import { fieldErrorsOf } from "./config-fixtures";
import { isIntegrationKind } from "./kind";

const stripe = { secretKey: "sk_test_51Habc0123456789xyz", webhookSecret: "whsec_abcdef0123456789" };
const mercadopago = {
  accessToken: "APP_USR-1234567890123456-101112-abcdef0123456789-123456789",
  webhookSecret: "8f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
};

describe("payment provider settings", () => {
  it("are kinds of integration next to the channels", () => {
    expect(isIntegrationKind("stripe")).toBe(true);
    expect(isIntegrationKind("mercadopago")).toBe(true);
    expect(isIntegrationKind("trello")).toBe(false);
  });

  it("keep Stripe's secret or restricted key and signing secret", () => {
    expect(parseChannelConfig("stripe", stripe)).toEqual(stripe);
    expect(parseChannelConfig("stripe", { ...stripe, secretKey: "rk_live_0123456789abcdef" }).secretKey).toBe(
      "rk_live_0123456789abcdef",
    );
  });

  it("refuse a publishable key, a secret that is not a signing secret and fields of another kind", () => {
    expect(
      fieldErrorsOf(() =>
        parseChannelConfig("stripe", {
          secretKey: "pk_live_0123456789abcdef",
          webhookSecret: "secret",
          botToken: "x",
        }),
      ),
    ).toEqual({
      "config.secretKey": [expect.stringContaining("sk_live_")],
      "config.webhookSecret": [expect.stringContaining("whsec_")],
      "config.botToken": ["botToken is not a stripe setting"],
    });
    expect(
      fieldErrorsOf(() => parseChannelConfig("mercadopago", { webhookSecret: mercadopago.webhookSecret })),
    ).toEqual({
      "config.accessToken": ["accessToken is required"],
    });
  });

  it("connect without the webhook secret, which the provider shows only once the endpoint exists", () => {
    const { webhookSecret: _later, ...withoutSecret } = mercadopago;
    expect(parseChannelConfig("mercadopago", withoutSecret)).toEqual(withoutSecret);
    expect(isWebhookConfigured("mercadopago", withoutSecret)).toBe(false);
    expect(parseChannelConfig("stripe", { secretKey: stripe.secretKey })).toEqual({
      secretKey: stripe.secretKey,
    });
    expect(isWebhookConfigured("stripe", stripe)).toBe(true);
    expect(isWebhookConfigured("telegram", {})).toBe(true);
  });

  it("mask every secret and replace only the fields given", () => {
    expect(maskChannelConfig("mercadopago", mercadopago)).toEqual({
      accessToken: "••••6789",
      webhookSecret: "••••4d5e",
    });
    expect(mergeChannelConfig("stripe", stripe, { webhookSecret: "whsec_rotated012345" })).toEqual({
      secretKey: stripe.secretKey,
      webhookSecret: "whsec_rotated012345",
    });
  });
});
