import { describe, expect, it } from "vitest";
import {
  numberDraft,
  numberDraftFromText,
  numberTextForInput,
  readLocaleNumber,
} from "./custom-field-number";

describe("number custom fields", () => {
  it("reads a pt-BR user's number: the dot groups thousands, the comma is the decimal point", () => {
    expect(readLocaleNumber("1.500", "pt-BR")).toBe(1500);
    expect(readLocaleNumber("12,500", "pt-BR")).toBe(12.5);
    expect(readLocaleNumber("1.234,56", "pt-BR")).toBe(1234.56);
    expect(readLocaleNumber("-1.500", "pt-BR")).toBe(-1500);
    expect(readLocaleNumber("1,5", "pt-BR")).toBe(1.5);
  });

  it("reads an English user's number the other way round", () => {
    expect(readLocaleNumber("1.500", "en")).toBe(1.5);
    expect(readLocaleNumber("12,500", "en")).toBe(12500);
    expect(readLocaleNumber("1,234.56", "en")).toBe(1234.56);
  });

  it("reads what is clear in either convention alike, as the server's parser does", () => {
    for (const locale of ["pt-BR", "en"] as const) {
      expect(readLocaleNumber("1.234,56", locale)).toBe(1234.56);
      expect(readLocaleNumber("1,234.56", locale)).toBe(1234.56);
      expect(readLocaleNumber("1234.5", locale)).toBe(1234.5);
      expect(readLocaleNumber("0,125", locale)).toBe(0.125);
      expect(readLocaleNumber(" 42 ", locale)).toBe(42);
    }
  });

  it("refuses text that is no number", () => {
    for (const text of ["", "abc", "1.2.3", "1,23,4", "1 500", "12e3"]) {
      expect(readLocaleNumber(text, "pt-BR")).toBeNull();
    }
  });

  it("keeps the typed number as locale-free text and unreadable text as typed", () => {
    expect(numberDraftFromText("1.234,56", "pt-BR")).toBe("1234.56");
    expect(numberDraftFromText("0,0000001", "pt-BR")).toBe("0.0000001");
    expect(numberDraftFromText("muitos", "pt-BR")).toBe("muitos");
    expect(numberDraft(1e-7)).toBe("0.0000001");
  });

  it("shows a stored number in the user's locale, and reads it back to the same value", () => {
    expect(numberTextForInput("1500", "pt-BR")).toBe("1.500");
    expect(numberTextForInput("1234.56", "pt-BR")).toBe("1.234,56");
    expect(numberTextForInput("1234.56", "en")).toBe("1,234.56");
    for (const locale of ["pt-BR", "en"] as const) {
      for (const value of [1500, 12.125, 12125, -1500.5, 0.125, 1234567.891]) {
        expect(readLocaleNumber(numberTextForInput(numberDraft(value), locale), locale)).toBe(value);
      }
    }
  });
});
