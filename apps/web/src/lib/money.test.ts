import { amountCases } from "@crm/domain/shared/amount-cases";
import { describe, expect, it } from "vitest";
import {
  addToTotals,
  amountForInput,
  formatMoney,
  parseAmountInput,
  readAmountInput,
  removeFromTotals,
  totalsByCurrency,
} from "./money";

// Intl puts a non-breaking space between the symbol and the number; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("writes reais the Brazilian way in pt-BR", () => {
    expect(plain(formatMoney({ amount: "1234.56", currency: "BRL" }, "pt-BR"))).toBe("R$ 1.234,56");
  });

  it("writes dollars the English way in en, and other currencies with their own symbol", () => {
    expect(formatMoney({ amount: "1234.56", currency: "USD" }, "en")).toBe("$1,234.56");
    expect(plain(formatMoney({ amount: "10", currency: "EUR" }, "pt-BR"))).toBe("€ 10,00");
  });

  it("keeps every cent of a large amount", () => {
    expect(formatMoney({ amount: "9999999999999.99", currency: "USD" }, "en")).toBe("$9,999,999,999,999.99");
  });

  it("falls back to the raw amount for a currency code Intl does not accept", () => {
    expect(formatMoney({ amount: "5.00", currency: "??" }, "en")).toBe("5.00 ??");
  });
});

describe("totals per currency", () => {
  it("adds values of the same currency and keeps other currencies apart", () => {
    const totals = totalsByCurrency([
      { amount: "100.10", currency: "BRL" },
      { amount: "50.00", currency: "USD" },
      { amount: "0.20", currency: "BRL" },
    ]);
    expect(totals).toEqual([
      { amount: "100.30", currency: "BRL" },
      { amount: "50.00", currency: "USD" },
    ]);
  });

  it("drops a currency whose total falls to zero", () => {
    const totals = [
      { amount: "150.00", currency: "BRL" },
      { amount: "50.00", currency: "USD" },
    ];
    expect(removeFromTotals(totals, { amount: "50.00", currency: "USD" })).toEqual([
      { amount: "150.00", currency: "BRL" },
    ]);
    expect(removeFromTotals(totals, { amount: "0.50", currency: "BRL" })).toEqual([
      { amount: "149.50", currency: "BRL" },
      { amount: "50.00", currency: "USD" },
    ]);
  });

  it("starts a new currency's total when the first deal in it arrives", () => {
    expect(addToTotals([], { amount: "7.00", currency: "EUR" })).toEqual([
      { amount: "7.00", currency: "EUR" },
    ]);
  });
});

describe("parseAmountInput", () => {
  it("reads Brazilian and English writing", () => {
    expect(parseAmountInput("1.234,56", "pt-BR")).toBe("1234.56");
    expect(parseAmountInput("1,234.56", "en")).toBe("1234.56");
    expect(parseAmountInput("1500", "pt-BR")).toBe("1500");
    expect(parseAmountInput("0,5", "pt-BR")).toBe("0.5");
  });

  it("reads a lone dot with cents as a decimal point even in pt-BR", () => {
    expect(parseAmountInput("1234.56", "pt-BR")).toBe("1234.56");
    expect(parseAmountInput("1.234", "pt-BR")).toBe("1234");
  });

  it("rejects negative numbers, words, three decimals and more than 13 integer digits", () => {
    expect(parseAmountInput("-5", "en")).toBeNull();
    expect(parseAmountInput("ten", "en")).toBeNull();
    expect(parseAmountInput("1.2345", "en")).toBeNull();
    expect(parseAmountInput("12345678901234", "en")).toBeNull();
    expect(parseAmountInput("   ", "en")).toBeNull();
  });

  it("gives back what amountForInput wrote, grouped as the app shows amounts", () => {
    expect(amountForInput("1234.56", "pt-BR")).toBe("1.234,56");
    expect(amountForInput("1234.56", "en")).toBe("1,234.56");
    expect(amountForInput("9999999999999.99", "pt-BR")).toBe("9.999.999.999.999,99");
    expect(amountForInput("5000", "pt-BR")).toBe("5.000");
    expect(amountForInput("999.90", "pt-BR")).toBe("999,90");
    for (const amount of ["1234.56", "2500.00", "5000", "9999999999999.99", "0.50", "100"]) {
      expect(parseAmountInput(amountForInput(amount, "pt-BR"), "pt-BR")).toBe(amount);
      expect(parseAmountInput(amountForInput(amount, "en"), "en")).toBe(amount);
    }
  });
});

describe("readAmountInput", () => {
  it("accepts the chosen currency's symbol or code before or after the number, as people type it", () => {
    expect(parseAmountInput("R$ 1.000,00", "pt-BR", "BRL")).toBe("1000.00");
    expect(parseAmountInput("R$1.000,00", "pt-BR", "BRL")).toBe("1000.00");
    expect(parseAmountInput("1.000,00 BRL", "pt-BR", "BRL")).toBe("1000.00");
    expect(parseAmountInput("brl 50", "pt-BR", "BRL")).toBe("50");
    expect(parseAmountInput("US$ 1.999,99", "pt-BR", "USD")).toBe("1999.99");
    expect(parseAmountInput("$1,999.99", "en", "USD")).toBe("1999.99");
    expect(parseAmountInput("€ 10,50", "pt-BR", "EUR")).toBe("10.50");
    expect(parseAmountInput("S/ 120", "pt-BR", "PEN")).toBe("120");
  });

  it("says when the symbol is another currency's than the chosen one, and refuses a symbol with no currency", () => {
    // above the 13-digit limit however it is written, told before its decimals or a missing sign
    const tooBig = { ok: false, problem: "too_big" };
    expect(readAmountInput("9.999.999.999.999,99", "pt-BR").ok).toBe(true);
    expect(readAmountInput("10.000.000.000.000,00", "pt-BR")).toEqual(tooBig);
    expect(readAmountInput("10,000,000,000,000", "en")).toEqual(tooBig);
    expect(readAmountInput("12345678901234,555", "pt-BR", "BRL")).toEqual(tooBig);
    expect(readAmountInput("-12345678901234", "pt-BR")).toEqual({ ok: false, problem: "negative" });
    expect(readAmountInput("000001", "pt-BR")).toEqual({ ok: true, amount: "1" });
    expect(readAmountInput("US$ 100", "pt-BR", "BRL")).toEqual({ ok: false, problem: "otherCurrency" });
    expect(readAmountInput("€ 100", "pt-BR", "BRL")).toEqual({ ok: false, problem: "otherCurrency" });
    expect(readAmountInput("100 USD", "pt-BR", "BRL")).toEqual({ ok: false, problem: "otherCurrency" });
    expect(readAmountInput("R$ 100", "pt-BR")).toEqual({ ok: false, problem: "invalid_format" });
    expect(readAmountInput("R$ 100 BRL", "pt-BR", "BRL")).toEqual({ ok: false, problem: "invalid_format" });
    expect(readAmountInput("ten", "en", "BRL")).toEqual({ ok: false, problem: "invalid_format" });
    expect(readAmountInput("-x", "en", "BRL")).toEqual({ ok: false, problem: "invalid_format" });
    expect(readAmountInput("R$", "pt-BR", "BRL")).toEqual({ ok: false, problem: "invalid_format" });
  });

  it("tells a too large amount apart from one that is not a number", () => {
    expect(readAmountInput("10.000.000.000.000,00", "pt-BR", "BRL")).toEqual({
      ok: false,
      problem: "too_big",
    });
    expect(readAmountInput("R$ 12345678901234", "pt-BR", "BRL")).toEqual({ ok: false, problem: "too_big" });
    expect(readAmountInput("9.999.999.999.999,99", "pt-BR", "BRL")).toEqual({
      ok: true,
      amount: "9999999999999.99",
    });
  });

  it("says a third decimal is one too many, not that the amount is not one", () => {
    expect(readAmountInput("10.555", "en", "BRL")).toEqual({ ok: false, problem: "too_many_decimals" });
    expect(readAmountInput("10,555", "pt-BR", "BRL")).toEqual({ ok: false, problem: "too_many_decimals" });
    expect(readAmountInput("R$ 1.234,567", "pt-BR", "BRL")).toEqual({
      ok: false,
      problem: "too_many_decimals",
    });
    expect(readAmountInput("10.555", "en")).toEqual({ ok: false, problem: "too_many_decimals" });
    expect(readAmountInput("100,555", "pt-BR", "JPY")).toEqual({ ok: false, problem: "no_decimals" });
    // in pt-BR a dot and three digits group thousands
    expect(readAmountInput("10.555", "pt-BR", "BRL")).toEqual({ ok: true, amount: "10555" });
  });

  it("says a negative amount is negative first, as the API does, even with three decimals", () => {
    expect(readAmountInput("-5", "en", "BRL")).toEqual({ ok: false, problem: "negative" });
    expect(readAmountInput("-1.500,50", "pt-BR", "BRL")).toEqual({ ok: false, problem: "negative" });
    expect(readAmountInput("-10.555", "en", "BRL")).toEqual({ ok: false, problem: "negative" });
    expect(readAmountInput("-10,5", "pt-BR", "JPY")).toEqual({ ok: false, problem: "negative" });
    expect(parseAmountInput("-5", "en")).toBeNull();
  });

  it.each(amountCases)(
    "reads $input $currency as the API reads a deal's value",
    ({ input, currency, dealValue }) => {
      const reading = readAmountInput(input, "en", currency);
      expect(reading.ok ? "ok" : reading.problem).toBe(dealValue);
    },
  );

  it("refuses cents in a currency without them, and reads zero cents there as none", () => {
    expect(readAmountInput("100,50", "pt-BR", "JPY")).toEqual({ ok: false, problem: "no_decimals" });
    expect(readAmountInput("100.5", "en", "CLP")).toEqual({ ok: false, problem: "no_decimals" });
    expect(readAmountInput("¥ 100,00", "pt-BR", "JPY")).toEqual({ ok: true, amount: "100" });
    expect(readAmountInput("1.500", "pt-BR", "JPY")).toEqual({ ok: true, amount: "1500" });
  });
});
