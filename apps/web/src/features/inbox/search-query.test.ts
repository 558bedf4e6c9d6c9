import { describe, expect, it } from "vitest";
import { shownQuery } from "./search-query";

describe("shownQuery", () => {
  it("drops the quotes around a phrase, so the heading does not show them twice", () => {
    expect(shownQuery('"PLANO ANUAL"')).toBe("PLANO ANUAL");
    expect(shownQuery("“plano anual”")).toBe("plano anual");
    expect(shownQuery(" 'boleto' ")).toBe("boleto");
    expect(shownQuery("«entrega»")).toBe("entrega");
  });

  it("keeps a query that is not one quoted phrase as it was typed", () => {
    expect(shownQuery("plano anual")).toBe("plano anual");
    expect(shownQuery('"plano anual" boleto')).toBe('"plano anual" boleto');
    expect(shownQuery('"plano" ou "boleto"')).toBe('"plano" ou "boleto"');
    expect(shownQuery('""')).toBe('""');
    expect(shownQuery("'")).toBe("'");
  });
});
