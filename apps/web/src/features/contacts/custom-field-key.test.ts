import { describe, expect, it } from "vitest";
import { customFieldKeyPattern, keyFromLabel } from "./custom-field-key";

describe("keyFromLabel", () => {
  it("turns a label in any language into a valid key", () => {
    expect(keyFromLabel("Data de renovação")).toBe("data_de_renovacao");
    expect(keyFromLabel("  2nd Phone (work) ")).toBe("nd_phone_work");
    expect(keyFromLabel("CPF")).toBe("cpf");
    expect(customFieldKeyPattern.test(keyFromLabel("Plano contratado!"))).toBe(true);
  });

  it("gives nothing for a label with no letters, so the user must type a key", () => {
    expect(keyFromLabel("123 !!")).toBe("");
  });
});
