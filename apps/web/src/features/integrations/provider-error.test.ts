import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { ptBR } from "../../i18n/pt-br";
import { providerErrorReason } from "./provider-error";

const telegramHttps =
  "Webhook not registered at http://localhost:3000/webhooks/telegram/abc: Telegram: Bad Request: bad webhook: An HTTPS URL must be provided for webhook";

describe("a provider's refusal, explained", () => {
  it("says Telegram's HTTPS refusal in the user's language, naming PUBLIC_URL, without the provider's English", () => {
    const key = providerErrorReason(telegramHttps);
    expect(ptBR[key]).toMatch(/HTTPS/);
    expect(ptBR[key]).toContain("PUBLIC_URL");
    expect(en[key]).toContain("PUBLIC_URL");
    expect(ptBR[key]).not.toContain("Bad Request");
  });

  it("tells a refused registration, refused credentials and anything else apart", () => {
    expect(providerErrorReason("Webhook not registered at https://crm.example/x: Telegram: timeout")).toBe(
      "integrations.providerError.webhookNotRegistered",
    );
    expect(providerErrorReason("Telegram: Unauthorized")).toBe("integrations.providerError.credentials");
    expect(providerErrorReason("Invalid API Key provided: sk_test_***")).toBe(
      "integrations.providerError.credentials",
    );
    expect(providerErrorReason("Something odd")).toBe("integrations.providerError.unknown");
  });
});
