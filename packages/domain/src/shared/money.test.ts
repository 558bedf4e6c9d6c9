import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  addMoney,
  compareMoney,
  currencies,
  fromMinorUnits,
  isCurrencyCode,
  type Money,
  parseCurrency,
  parseMoney,
  sumByCurrency,
  toMinorUnits,
} from "./money";

const brl = (amount: string): Money => parseMoney(amount, "BRL");

describe("currencies", () => {
  it("knows the minor-unit digits of every supported currency", () => {
    expect(Object.fromEntries(Object.entries(currencies).map(([code, c]) => [code, c.minorUnits]))).toEqual({
      ARS: 2,
      BRL: 2,
      CLP: 0,
      COP: 2,
      EUR: 2,
      GBP: 2,
      JPY: 0,
      MXN: 2,
      PEN: 2,
      USD: 2,
      UYU: 2,
    });
  });

  it("parses codes in any letter case and rejects unknown ones", () => {
    expect(parseCurrency("brl")).toBe("BRL");
    expect(isCurrencyCode("USD")).toBe(true);
    expect(isCurrencyCode("usd")).toBe(false);
    expect(isCurrencyCode("toString")).toBe(false);
    expect(() => parseCurrency("XYZ")).toThrow(
      expect.objectContaining({ details: { fieldErrors: { currency: ["Unsupported currency XYZ"] } } }),
    );
    expect(() => parseCurrency("constructor")).toThrow(DomainError);
  });
});

describe("parseMoney", () => {
  it.each([
    ["10", "BRL", "10.00"],
    ["10.5", "BRL", "10.50"],
    ["1234.56", "BRL", "1234.56"],
    ["0", "USD", "0.00"],
    ["0.1", "EUR", "0.10"],
    ["007.5", "BRL", "7.50"],
    ["-0", "BRL", "0.00"],
    ["500", "JPY", "500"],
    ["15000", "CLP", "15000"],
    ["99.99", "usd", "99.99"],
  ])("normalizes %s %s to %s", (amount, currency, normalized) => {
    expect(parseMoney(amount, currency)).toEqual({ amount: normalized, currency: currency.toUpperCase() });
  });

  it.each([
    "",
    " 10",
    "10 ",
    "1e3",
    "1E3",
    "+10",
    "10.",
    ".5",
    "1,50",
    "1.000,50",
    "1_000",
    "0x10",
    "Infinity",
    "NaN",
    "--1",
    "10.5.1",
    "١٠",
  ])("rejects the amount %j", (amount) => {
    expect(() => parseMoney(amount, "BRL")).toThrow(DomainError);
  });

  it("rejects more decimals than the currency has, saying the rule and an amount that follows it", () => {
    const twoPlaces = "Amount has more than 2 decimal places: write at most 2, such as 1500.50";
    expect(() => parseMoney("10.555", "BRL")).toThrow(
      expect.objectContaining({
        message: twoPlaces,
        details: { fieldErrors: { value: [twoPlaces] }, fieldReasons: { value: "too_many_decimals" } },
      }),
    );
    const wholeOnly = "JPY amounts have no decimal places: write a whole amount, such as 1500";
    expect(() => parseMoney("500.5", "JPY")).toThrow(
      expect.objectContaining({
        details: { fieldErrors: { value: [wholeOnly] }, fieldReasons: { value: "no_decimals" } },
      }),
    );
    expect(() => parseMoney("10.000", "BRL")).toThrow(DomainError);
    expect(() => parseMoney("500.5", "JPY")).toThrow(DomainError);
    expect(() => parseMoney("500.0", "CLP")).toThrow(DomainError);
  });

  it("accepts zero padding beyond the currency's decimals only when asked, as Postgres prints DECIMAL", () => {
    expect(parseMoney("500.00", "JPY", "amount", { allowZeroPadding: true })).toEqual({
      amount: "500",
      currency: "JPY",
    });
    expect(parseMoney("10.500", "BRL", "amount", { allowZeroPadding: true }).amount).toBe("10.50");
    expect(() => parseMoney("500.01", "JPY", "amount", { allowZeroPadding: true })).toThrow(DomainError);
  });

  it("rejects negative amounts unless allowed, with a message of their own", () => {
    expect(() => parseMoney("-1.50", "BRL")).toThrow(
      expect.objectContaining({
        details: {
          fieldErrors: { value: ["Amount must not be negative"] },
          fieldReasons: { value: "negative" },
        },
      }),
    );
    // the sign is the first thing wrong, before the decimals (as a payment's amount says it too)
    expect(() => parseMoney("-1.555", "BRL")).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ fieldReasons: { value: "negative" } }),
      }),
    );
    expect(parseMoney("-1.5", "BRL", "value", { allowNegative: true })).toEqual({
      amount: "-1.50",
      currency: "BRL",
    });
  });

  it("rejects an unsupported currency on the currency field", () => {
    expect(() => parseMoney("10", "XYZ")).toThrow(
      expect.objectContaining({ details: { fieldErrors: { currency: ["Unsupported currency XYZ"] } } }),
    );
  });

  it("reports amount errors on the caller's field", () => {
    expect(() => parseMoney("abc", "BRL", "amount")).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: {
          fieldErrors: { amount: ["Amount must be a decimal number such as 1234.56"] },
          fieldReasons: { amount: "invalid_format" },
        },
      }),
    );
  });

  it("bounds the number of integer digits, not counting leading zeros", () => {
    expect(parseMoney("9".repeat(30), "BRL").amount).toBe(`${"9".repeat(30)}.00`);
    expect(() => parseMoney("1".repeat(31), "BRL")).toThrow(
      expect.objectContaining({
        details: {
          fieldErrors: { value: [`Amount is too large: at most ${"9".repeat(30)}.99`] },
          fieldReasons: { value: "too_big" },
        },
      }),
    );
    expect(parseMoney(`${"0".repeat(40)}1`, "BRL").amount).toBe("1.00");
    expect(parseMoney("9999999999999.99", "BRL", "value", { maxIntegerDigits: 13 }).amount).toBe(
      "9999999999999.99",
    );
    expect(() => parseMoney("10000000000000", "BRL", "value", { maxIntegerDigits: 13 })).toThrow(
      "Amount is too large: at most 9999999999999.99",
    );
    expect(() => parseMoney("10000000000000", "JPY", "value", { maxIntegerDigits: 13 })).toThrow(
      "Amount is too large: at most 9999999999999",
    );
  });
});

describe("minor units", () => {
  it("converts exactly both ways", () => {
    expect(toMinorUnits(brl("1234.56"))).toBe(123456n);
    expect(toMinorUnits(brl("0.01"))).toBe(1n);
    expect(toMinorUnits(parseMoney("500", "JPY"))).toBe(500n);
    expect(fromMinorUnits(123456n, "BRL")).toEqual({ amount: "1234.56", currency: "BRL" });
    expect(fromMinorUnits(5n, "USD")).toEqual({ amount: "0.05", currency: "USD" });
    expect(fromMinorUnits(0n, "BRL")).toEqual({ amount: "0.00", currency: "BRL" });
    expect(fromMinorUnits(-5n, "BRL")).toEqual({ amount: "-0.05", currency: "BRL" });
    expect(fromMinorUnits(-123456n, "BRL")).toEqual({ amount: "-1234.56", currency: "BRL" });
    expect(fromMinorUnits(1500n, "CLP")).toEqual({ amount: "1500", currency: "CLP" });
  });

  it("stays exact beyond 2^53", () => {
    const huge = "90071992547409931234.57";
    expect(toMinorUnits(brl(huge))).toBe(9007199254740993123457n);
    expect(fromMinorUnits(9007199254740993123457n, "BRL").amount).toBe(huge);
    expect(fromMinorUnits(2n ** 53n + 1n, "JPY").amount).toBe("9007199254740993");
  });

  it("reads a hand-built amount with fewer decimals but rejects one with too many", () => {
    expect(toMinorUnits({ amount: "10", currency: "BRL" })).toBe(1000n);
    expect(() => toMinorUnits({ amount: "10.001", currency: "BRL" })).toThrow(DomainError);
    expect(() => toMinorUnits({ amount: "1e3", currency: "BRL" })).toThrow(DomainError);
  });
});

describe("arithmetic", () => {
  it("adds without floating-point error", () => {
    expect(addMoney(brl("0.1"), brl("0.2"))).toEqual({ amount: "0.30", currency: "BRL" });
    expect(addMoney(brl("1.10"), parseMoney("-2.25", "BRL", "value", { allowNegative: true })).amount).toBe(
      "-1.15",
    );
  });

  it("adds huge amounts exactly", () => {
    const max = brl("90071992547409.91");
    expect(addMoney(max, brl("0.01")).amount).toBe("90071992547409.92");
    expect(addMoney(max, max).amount).toBe("180143985094819.82");
  });

  it("refuses to add or compare different currencies", () => {
    const usd = parseMoney("1", "USD");
    expect(() => addMoney(brl("1"), usd)).toThrow(expect.objectContaining({ code: "UNPROCESSABLE" }));
    expect(() => compareMoney(brl("1"), usd)).toThrow(DomainError);
  });

  it("compares amounts", () => {
    expect(compareMoney(brl("10"), brl("9.99"))).toBe(1);
    expect(compareMoney(brl("9.99"), brl("10"))).toBe(-1);
    expect(compareMoney(brl("10"), brl("10.00"))).toBe(0);
    expect(compareMoney(brl("100000000000000000001"), brl("100000000000000000000.99"))).toBe(1);
    const sorted = [brl("2"), brl("10"), brl("1.5")].sort(compareMoney).map((m) => m.amount);
    expect(sorted).toEqual(["1.50", "2.00", "10.00"]);
  });

  it("sums per currency and never across currencies", () => {
    const list = [
      brl("0.1"),
      parseMoney("1.50", "USD"),
      brl("0.2"),
      parseMoney("300", "JPY"),
      parseMoney("2.25", "USD"),
      parseMoney("200", "JPY"),
    ];
    expect(sumByCurrency(list)).toEqual([
      { amount: "0.30", currency: "BRL" },
      { amount: "3.75", currency: "USD" },
      { amount: "500", currency: "JPY" },
    ]);
    expect(sumByCurrency([])).toEqual([]);
    expect(sumByCurrency([brl("5")])).toEqual([{ amount: "5.00", currency: "BRL" }]);
  });
});
