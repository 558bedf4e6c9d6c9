import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import type { Locale } from "../../i18n/locale";
import { ptBR } from "../../i18n/pt-br";
import { type Translate, translate } from "../../i18n/translate";
import { apiKeyAuthor } from "./api-key-author";

const translator = (locale: Locale): Translate =>
  ((key: string, params?: Record<string, string | number>) =>
    translate(locale === "en" ? en : ptBR, key as never, params, locale)) as Translate;

const names = new Map([["key-zapier", "Zapier"]]);

describe("the author of a write made with an API key", () => {
  it("is the key's name", () => {
    expect(apiKeyAuthor(names, "key-zapier", translator("en"))).toBe("via API: Zapier");
    expect(apiKeyAuthor(names, "key-zapier", translator("pt-BR"))).toBe("via API: Zapier");
  });

  it("says the key was deleted once its name is gone, keeping nothing else of it", () => {
    expect(apiKeyAuthor(names, "key-gone", translator("en"))).toBe("API key (deleted)");
    expect(apiKeyAuthor(names, "key-gone", translator("pt-BR"))).toBe("Chave de API (excluída)");
  });

  it("says nothing for a user's write, or while the names load", () => {
    expect(apiKeyAuthor(names, null, translator("en"))).toBeNull();
    expect(apiKeyAuthor(undefined, "key-zapier", translator("en"))).toBeNull();
  });
});
