import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { parseMoney } from "../shared/money";
import { parseCalendarDate, parseDealValue, storedDealValue } from "./deal-input";

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return Object.keys(error.details?.fieldErrors ?? {});
  }
  throw new Error("expected a validation error");
};

describe("parseDealValue", () => {
  it("normalizes the amount and falls back to the organization's currency", () => {
    expect(parseDealValue({ amount: "1234.5" }, "BRL")).toEqual({ amount: "1234.50", currency: "BRL" });
    expect(parseDealValue({ amount: "10", currency: "usd" }, "BRL")).toEqual({
      amount: "10.00",
      currency: "USD",
    });
    expect(parseDealValue({ amount: "500", currency: "JPY" }, "BRL")).toEqual({
      amount: "500",
      currency: "JPY",
    });
  });

  it.each(["-1", "-0.01", "abc", "1e5", "1,50", "", "12.345", "10000000000000"])(
    "rejects the amount %j on value.amount",
    (amount) => {
      expect(fieldOf(() => parseDealValue({ amount, currency: "BRL" }, "BRL"))).toEqual(["value.amount"]);
    },
  );

  it("accepts the largest amount the column holds", () => {
    expect(parseDealValue({ amount: "9999999999999.99" }, "BRL").amount).toBe("9999999999999.99");
  });

  it("rejects an unknown currency on value.currency", () => {
    expect(fieldOf(() => parseDealValue({ amount: "1", currency: "XYZ" }, "BRL"))).toEqual([
      "value.currency",
    ]);
  });
});

describe("storedDealValue", () => {
  it("reads amounts as Postgres prints DECIMAL(15,2)", () => {
    expect(storedDealValue("500.00", "JPY")).toEqual({ amount: "500", currency: "JPY" });
    expect(storedDealValue("12.30", "BRL")).toEqual({ amount: "12.30", currency: "BRL" });
  });

  it("reads every printed amount as the full parse does, taking normal forms as they are", () => {
    const printed = [
      "0.00",
      "-0.00",
      "0.05",
      "-0.50",
      "-12.30",
      "1234.56",
      "9999999999999.99",
      "007.50",
      "1.5",
    ];
    for (const currency of ["BRL", "USD", "JPY", "CLP", "brl"]) {
      for (const amount of printed) {
        const full = () =>
          parseMoney(amount, currency, "value", { allowZeroPadding: true, allowNegative: true });
        let expected: unknown;
        try {
          expected = full();
        } catch (error) {
          expect(() => storedDealValue(amount, currency)).toThrow((error as Error).message);
          continue;
        }
        expect(storedDealValue(amount, currency)).toEqual(expected);
      }
    }
    expect(() => storedDealValue("1.00", "XYZ")).toThrow(DomainError);
  });
});

describe("parseCalendarDate", () => {
  it("accepts real dates and rejects impossible or malformed ones", () => {
    expect(parseCalendarDate("2025-12-31", "d")).toBe("2025-12-31");
    expect(parseCalendarDate("2024-02-29", "d")).toBe("2024-02-29");
    for (const bad of ["2025-02-29", "2025-13-01", "2025-1-1", "31/12/2025", "2025-12-31T00:00:00Z"]) {
      expect(() => parseCalendarDate(bad, "d")).toThrow(DomainError);
    }
  });
});
