import { currencies } from "@crm/domain/shared/money";
import { describe, expect, it } from "vitest";
import { currencyOptions } from "./organization-options";

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
