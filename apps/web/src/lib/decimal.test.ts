import { describe, expect, it } from "vitest";
import { addDecimals, isZeroDecimal, subtractDecimals } from "./decimal";

describe("decimal strings", () => {
  it("adds without floating point drift", () => {
    expect(addDecimals("0.10", "0.20")).toBe("0.30");
    expect(addDecimals("9999999999999.99", "0.01")).toBe("10000000000000.00");
  });

  it("keeps the larger number of decimal places", () => {
    expect(addDecimals("1", "2.5")).toBe("3.5");
    expect(addDecimals("1200.00", "34.5")).toBe("1234.50");
  });

  it("subtracts down to zero and below", () => {
    expect(subtractDecimals("1500.00", "1500.00")).toBe("0.00");
    expect(isZeroDecimal(subtractDecimals("1500.00", "1500"))).toBe(true);
    expect(subtractDecimals("1.00", "2.50")).toBe("-1.50");
  });

  it("refuses text that is not a decimal number", () => {
    expect(() => addDecimals("1,5", "1")).toThrow(RangeError);
  });
});
