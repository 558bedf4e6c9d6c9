import { currencies } from "@crm/domain/shared/money";
import { describe, expect, it } from "vitest";
import { currencyOptions, timezoneOptions } from "./organization-options";

describe("currencyOptions", () => {
  it("names the Peruvian sol as Brazilians do today, not the old Novo sol", () => {
    const labels = currencyOptions("pt-BR", "BRL").map((option) => option.label);
    expect(labels).toContain("PEN · Sol peruano");
    expect(labels.filter((label) => /novo|nuevo/i.test(label))).toEqual([]);
    expect(labels).toEqual(
      expect.arrayContaining(["BRL · Real brasileiro", "USD · Dólar americano", "JPY · Iene japonês"]),
    );
  });

  it("offers exactly the currencies the API accepts, the organization's own first when it is another", () => {
    const codes = currencyOptions("en", "BRL").map((option) => option.value);
    expect([...codes].sort()).toEqual(Object.keys(currencies).sort());
    expect(codes[0]).toBe("BRL");
    expect(currencyOptions("en", "XYZ")[0]?.value).toBe("XYZ");
  });
});

describe("timezoneOptions", () => {
  it("lists Brazil's zones first by the names people know, Brasília's time at the top", () => {
    const options = timezoneOptions("America/Sao_Paulo", "pt-BR");
    expect(options[0]).toEqual({
      value: "America/Sao_Paulo",
      label: "Horário de Brasília (São Paulo) · UTC−3",
    });
    const labels = options.slice(0, 16).map((option) => option.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        "Manaus · UTC−4",
        "Fortaleza · UTC−3",
        "Fernando de Noronha · UTC−2",
        "Rio Branco · UTC−5",
      ]),
    );
    expect(timezoneOptions("America/Sao_Paulo", "en")[0]?.label).toBe("Brasília time (São Paulo) · UTC−3");
  });

  it("still offers every other zone, each once, and the organization's own if the browser lacks it", () => {
    const values = timezoneOptions("Etc/Unknown", "en").map((option) => option.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toEqual(expect.arrayContaining(["UTC", "Europe/Lisbon", "Etc/Unknown", "America/Manaus"]));
  });
});
