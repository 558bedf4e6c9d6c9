import { describe, expect, it } from "vitest";
import { parseDealValue } from "../deals/deal-input";
import { amountCases } from "./amount-cases";
import { amountProblems, checkAmount } from "./amount-rule";
import { DomainError } from "./errors";
import { parseMoney } from "./money";

/** "ok", or the code `data.fieldReasons` gets for the field. */
function outcome(parse: () => unknown, field: string): string {
  try {
    parse();
    return "ok";
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const reasons = error.details?.fieldReasons as Record<string, string> | undefined;
    return reasons?.[field] ?? `no reason: ${error.message}`;
  }
}

describe("an amount refused by the domain", () => {
  it.each(amountCases)("$input $currency as a deal's value", ({ input, currency, dealValue, domain }) => {
    const parse = () => parseDealValue({ amount: input, currency }, "BRL");
    expect(outcome(parse, "value.amount")).toBe(domain ?? dealValue);
  });

  it.each(amountCases)("$input $currency as a payment's amount", ({ input, currency, payment, domain }) => {
    // the options create-payment and refund-payment parse a given amount with
    const parse = () => parseMoney(input, currency, "amount", { maxIntegerDigits: 13, positive: true });
    expect(outcome(parse, "amount")).toBe(domain ?? payment);
  });

  it("keeps JPY whole: its decimals are no_decimals, its zero padding from Postgres is fine", () => {
    expect(outcome(() => parseDealValue({ amount: "10.5", currency: "JPY" }, "BRL"), "value.amount")).toBe(
      "no_decimals",
    );
    expect(parseDealValue({ amount: "1500", currency: "JPY" }, "BRL")).toEqual({
      amount: "1500",
      currency: "JPY",
    });
    expect(parseMoney("500.00", "JPY", "value", { allowZeroPadding: true }).amount).toBe("500");
  });
});

describe("checkAmount", () => {
  it("names each refusal with one of its codes, in the order it documents", () => {
    const rule = { decimals: 2, maxIntegerDigits: 3, positive: true };
    const reasons = ["x", "-1", "1000", "1.001", "0"].map((text) => {
      const checked = checkAmount(text, rule);
      return checked.ok ? "ok" : checked.reason;
    });
    expect(reasons).toEqual(["invalid_format", "negative", "too_big", "too_many_decimals", "too_small"]);
    expect(amountProblems).toContain("no_decimals");
    expect(checkAmount("-1000.001", rule)).toEqual({ ok: false, reason: "negative" });
    expect(checkAmount("1000.001", rule)).toEqual({ ok: false, reason: "too_big" });
  });

  it("lets a negative amount through only when allowed, and never calls zero negative", () => {
    expect(checkAmount("-1.5", { decimals: 2, maxIntegerDigits: 13, allowNegative: true })).toEqual({
      ok: true,
      parts: { negative: true, whole: "1", fraction: "5" },
    });
    expect(checkAmount("-000.00", { decimals: 2, maxIntegerDigits: 13 })).toEqual({
      ok: true,
      parts: { negative: false, whole: "0", fraction: "00" },
    });
  });
});
