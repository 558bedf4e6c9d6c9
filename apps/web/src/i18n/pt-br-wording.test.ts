import { describe, expect, it } from "vitest";
import { ptBR } from "./pt-br";

/** "email" standing alone, outside a {placeholder}: Portuguese writes "e-mail". */
const bareEmail = /(?<![-\w{])email(?![-\w}])/i;
/** Messages that quote the English column names a CSV may use. */
const quotingEnglishColumns = new Set(["contacts.import.fileErrors.no_known_columns"]);

describe("the Portuguese dictionary", () => {
  it("writes e-mail, never the English email", () => {
    const offending = Object.entries(ptBR)
      .filter(([key, text]) => !quotingEnglishColumns.has(key) && bareEmail.test(text))
      .map(([key]) => key);
    expect(offending).toEqual([]);
  });
});
