import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { ptBR } from "../../i18n/pt-br";
import { credentialFields, integrationKinds, isIntegrationKind, isPaymentKind } from "./integration-kinds";

describe("integration kinds", () => {
  it("labels and explains every credential field in both languages", () => {
    for (const kind of integrationKinds) {
      for (const field of credentialFields[kind]) {
        expect(en, `${kind}.${field.name}`).toHaveProperty([field.label]);
        expect(en).toHaveProperty([field.hint]);
        expect(ptBR[field.label], `${kind}.${field.name}`).toBeTruthy();
        expect(ptBR[field.hint]).toBeTruthy();
      }
    }
  });

  it("asks for exactly the credentials the API expects of each kind", () => {
    const names = Object.fromEntries(
      integrationKinds.map((kind) => [kind, credentialFields[kind].map((field) => field.name)]),
    );
    expect(names).toEqual({
      whatsapp: ["phoneNumberId", "accessToken", "appSecret", "verifyToken"],
      telegram: ["botToken", "secretToken"],
      slack: ["botToken", "signingSecret"],
      discord: ["applicationId", "publicKey", "botToken"],
      stripe: ["secretKey", "webhookSecret"],
      mercadopago: ["accessToken", "webhookSecret"],
    });
  });

  it("tells channels from payment providers, and unknown kinds from known ones", () => {
    expect(integrationKinds.filter(isPaymentKind)).toEqual(["stripe", "mercadopago"]);
    expect(isIntegrationKind("whatsapp")).toBe(true);
    expect(isIntegrationKind("fax")).toBe(false);
  });
});
