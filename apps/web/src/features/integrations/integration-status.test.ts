import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import type { Locale } from "../../i18n/locale";
import { ptBR } from "../../i18n/pt-br";
import { type Messages, type Translate, translate } from "../../i18n/translate";
import { testSuccessText } from "./integration-status";

const translator = (messages: Messages, locale: Locale): Translate =>
  ((key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(messages, key, params, locale)) as Translate;

const pt = translator(ptBR, "pt-BR");
const english = translator(en, "en");

describe("a passed connection test", () => {
  it("is worded whole in Portuguese, the Stripe test mode included", () => {
    expect(testSuccessText(pt, { identity: null, mode: "test" })).toBe(
      "A conexão funciona: o provedor aceita estas credenciais. São credenciais de teste: os links de pagamento criados com elas não cobram ninguém.",
    );
    expect(testSuccessText(pt, { identity: null, mode: "live" })).toBe(
      "A conexão funciona: o provedor aceita estas credenciais. São credenciais de produção: os links de pagamento criados com elas cobram de verdade.",
    );
  });

  it("names the account as the provider names it, in the user's sentence", () => {
    expect(testSuccessText(pt, { identity: "@loja_bot", mode: null })).toBe(
      "A conexão funciona. O provedor reconhece estas credenciais como @loja_bot.",
    );
    expect(testSuccessText(english, { identity: null, mode: "test" })).toBe(
      "Connection works: the provider accepts these credentials. They are test credentials: payment links made with them charge no one.",
    );
  });
});
