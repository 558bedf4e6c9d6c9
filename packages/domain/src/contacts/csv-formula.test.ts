import { describe, expect, it } from "vitest";
import { neutralizeFormula, restoreFormula } from "./csv-formula";

describe("the export's formula guard", () => {
  it("is undone exactly by the import, so every value comes back as it was", () => {
    const values = [
      '=HYPERLINK("x")',
      '\'=HYPERLINK("x")',
      "''@SUM(A1)",
      "+cmd",
      "-2+3",
      "\tTab",
      "\rCR",
      "Inj;=cmd|' /C calc'!A0;x",
      "vip;'=a;''+b",
      "'hello",
      "it's",
      "'",
      "+5511987654321",
      "-3.5",
      "'-3.5",
      "plain",
      "",
    ];
    for (const value of values) expect(restoreFormula(neutralizeFormula(value)), value).toBe(value);
  });

  it("takes off only the quote the export puts before a formula", () => {
    expect(restoreFormula(`'=HYPERLINK("x")`)).toBe(`=HYPERLINK("x")`);
    expect(restoreFormula("'@a;'+b;'-c;'\tt")).toBe("@a;+b;-c;\tt");
    expect(restoreFormula("''=x")).toBe("'=x");
    expect(restoreFormula("'hello;'+5511987654321;'")).toBe("'hello;'+5511987654321;'");
  });
});
