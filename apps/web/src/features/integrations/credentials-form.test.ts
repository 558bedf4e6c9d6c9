import { describe, expect, it } from "vitest";
import { validate } from "../../lib/validation";
import {
  configOf,
  credentialFieldMessages,
  credentialRules,
  initialCredentialValues,
} from "./credentials-form";

const whatsapp = {
  name: "WhatsApp vendas",
  "config.phoneNumberId": " 5511999 ",
  "config.accessToken": "EAAG-access-token-123",
  "config.appSecret": "app-secret-abcdef",
  "config.verifyToken": "my-verify-token",
};

describe("credentials form", () => {
  it("starts with the name and one empty field per credential, named like the API's error paths", () => {
    expect(initialCredentialValues("stripe", "")).toEqual({
      name: "",
      "config.secretKey": "",
      "config.webhookSecret": "",
    });
    expect(Object.keys(initialCredentialValues("discord", "x"))).toEqual([
      "name",
      "config.applicationId",
      "config.publicKey",
      "config.botToken",
    ]);
  });

  it("connects Stripe and Mercado Pago without their webhook secret, which exists only once the webhook does", () => {
    for (const kind of ["stripe", "mercadopago"] as const) {
      const empty = validate(initialCredentialValues(kind, "Pagamentos"), credentialRules(kind, "create"));
      expect(Object.keys(empty)).toEqual([kind === "stripe" ? "config.secretKey" : "config.accessToken"]);
    }
    const typed = validate(
      { name: "Stripe", "config.secretKey": "sk_test_123456789", "config.webhookSecret": "has spaces" },
      credentialRules("stripe", "create"),
    );
    expect(typed).toEqual({ "config.webhookSecret": "integrations.error.token" });
  });

  it("requires every credential when connecting, and checks the shapes people often get wrong", () => {
    const empty = validate(initialCredentialValues("telegram", ""), credentialRules("telegram", "create"));
    expect(empty).toEqual({
      name: "errors.field.required",
      "config.botToken": "errors.field.required",
      "config.secretToken": "errors.field.required",
    });
    const wrong = validate(
      { name: "Bot", "config.botToken": "not-a-bot-token", "config.secretToken": "short" },
      credentialRules("telegram", "create"),
    );
    expect(wrong).toEqual({
      "config.botToken": "integrations.error.telegramBotToken",
      "config.secretToken": "integrations.error.telegramSecret",
    });
    const discord = validate(
      { name: "D", "config.applicationId": "12a", "config.publicKey": "zz", "config.botToken": "bot token" },
      credentialRules("discord", "create"),
    );
    expect(discord).toEqual({
      "config.applicationId": "integrations.error.digits",
      "config.publicKey": "integrations.error.hex64",
      "config.botToken": "integrations.error.token",
    });
    expect(validate(whatsapp, credentialRules("whatsapp", "create"))).toEqual({});
  });

  it("lets an edit leave credentials empty (kept as stored) but still checks what was typed", () => {
    const rules = credentialRules("discord", "edit");
    expect(
      validate(
        { name: "D", "config.applicationId": "", "config.publicKey": "", "config.botToken": "" },
        rules,
      ),
    ).toEqual({});
    expect(
      validate(
        { name: "D", "config.applicationId": "", "config.publicKey": "abc", "config.botToken": "" },
        rules,
      ),
    ).toEqual({ "config.publicKey": "integrations.error.hex64" });
    expect(
      validate(
        { name: " ", "config.applicationId": "", "config.publicKey": "", "config.botToken": "" },
        rules,
      ),
    ).toMatchObject({
      name: "errors.field.required",
    });
  });

  it("sends the typed credentials trimmed, and leaves out the empty ones", () => {
    expect(configOf("whatsapp", whatsapp)).toEqual({
      phoneNumberId: "5511999",
      accessToken: "EAAG-access-token-123",
      appSecret: "app-secret-abcdef",
      verifyToken: "my-verify-token",
    });
    expect(
      configOf("stripe", { name: "Stripe", "config.secretKey": "", "config.webhookSecret": " whsec_new " }),
    ).toEqual({ webhookSecret: "whsec_new" });
  });

  it("says why WhatsApp refused the number and token, and nothing more for other answers", () => {
    const refused = {
      data: { appCode: "VALIDATION_FAILED", fieldErrors: { "config.phoneNumberId": ["x"] } },
    };
    expect(credentialFieldMessages("whatsapp", refused)).toEqual({
      "config.phoneNumberId": "integrations.error.whatsappNumberNotReadable",
      "config.accessToken": "integrations.error.whatsappNumberNotReadable",
    });
    // a number already connected keeps its own sentence
    expect(credentialFieldMessages("whatsapp", { data: { appCode: "CONFLICT" } })).toEqual({});
    expect(credentialFieldMessages("telegram", refused)).toEqual({});
    expect(credentialFieldMessages("whatsapp", null)).toEqual({});
  });
});
