import { describe, expect, it } from "vitest";
import { dealValueShortfall } from "./deal-value-shortfall";

const deal = { amount: "50000.00", currency: "BRL" };

describe("whether a payment link would win its deal by itself", () => {
  it("would not when it charges less than the deal's value, as typed in either language", () => {
    expect(dealValueShortfall({ amount: "0,50", currency: "BRL" }, deal, "pt-BR")).toBe("partial");
    expect(dealValueShortfall({ amount: "49.999,99", currency: "BRL" }, deal, "pt-BR")).toBe("partial");
    expect(dealValueShortfall({ amount: "49,999.99", currency: "BRL" }, deal, "en")).toBe("partial");
  });

  it("would when it charges the value or more, to the cent", () => {
    expect(dealValueShortfall({ amount: "50.000,00", currency: "BRL" }, deal, "pt-BR")).toBeNull();
    expect(dealValueShortfall({ amount: "50000", currency: "BRL" }, deal, "en")).toBeNull();
    expect(dealValueShortfall({ amount: "50000.01", currency: "BRL" }, deal, "en")).toBeNull();
    expect(
      dealValueShortfall({ amount: "0.30", currency: "BRL" }, { ...deal, amount: "0.30" }, "en"),
    ).toBeNull();
  });

  it("would not in another currency than the deal's, whatever the number", () => {
    expect(dealValueShortfall({ amount: "90000.00", currency: "USD" }, deal, "en")).toBe("otherCurrency");
  });

  it("says nothing for a deal without a value, which any payment wins, or an amount not typed yet", () => {
    const noValue = { amount: "0.00", currency: "BRL" };
    expect(dealValueShortfall({ amount: "0.50", currency: "BRL" }, noValue, "en")).toBeNull();
    expect(dealValueShortfall({ amount: "5.00", currency: "USD" }, noValue, "en")).toBeNull();
    expect(dealValueShortfall({ amount: "", currency: "BRL" }, deal, "en")).toBeNull();
    expect(dealValueShortfall({ amount: "abc", currency: "BRL" }, deal, "en")).toBeNull();
  });
});
