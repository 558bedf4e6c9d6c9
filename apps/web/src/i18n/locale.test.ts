import { describe, expect, it } from "vitest";
import { chooseLocale, matchLocale } from "./locale";

describe("chooseLocale", () => {
  it("keeps the language the user picked, whatever the browser says", () => {
    expect(chooseLocale("en", ["pt-BR", "pt"])).toBe("en");
    expect(chooseLocale("pt-BR", ["en-US"])).toBe("pt-BR");
  });

  it("ignores a stored value that is not a language we ship", () => {
    expect(chooseLocale("fr", ["pt-BR"])).toBe("pt-BR");
  });

  it("takes the first supported browser language in preference order", () => {
    expect(chooseLocale(null, ["de-DE", "pt-PT", "en-US"])).toBe("pt-BR");
    expect(chooseLocale(null, ["es", "en-GB", "pt-BR"])).toBe("en");
  });

  it("maps any Portuguese or English variant to the dictionary we have", () => {
    expect(matchLocale("pt")).toBe("pt-BR");
    expect(matchLocale("PT-br")).toBe("pt-BR");
    expect(matchLocale("en-AU")).toBe("en");
    expect(matchLocale("es-AR")).toBeNull();
  });

  it("falls back to English when nothing matches", () => {
    expect(chooseLocale(null, ["ja", "ko"])).toBe("en");
    expect(chooseLocale(null, [])).toBe("en");
  });
});
