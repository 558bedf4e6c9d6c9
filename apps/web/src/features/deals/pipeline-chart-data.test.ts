import { describe, expect, it } from "vitest";
import type { StageTotal } from "./board-state";
import { chartCurrencies, pickCurrency, toChartBars } from "./pipeline-chart-data";

const column = (id: string, order: number, totals: StageTotal[]) => ({
  stage: { id, name: `Stage ${id}`, order, color: "#6366f1" },
  totals,
});

const columns = [
  column("b", 1, [{ amount: "250.10", currency: "USD", count: 2 }]),
  column("a", 0, [
    { amount: "1500.50", currency: "BRL", count: 2 },
    { amount: "99.90", currency: "USD", count: 1 },
  ]),
  column("c", 2, []),
];

describe("chartCurrencies", () => {
  it("puts the organization's currency first, then the others in board order", () => {
    expect(chartCurrencies(columns, "BRL")).toEqual(["BRL", "USD"]);
    expect(chartCurrencies(columns, "USD")).toEqual(["USD", "BRL"]);
  });

  it("offers only currencies the board has values in", () => {
    expect(chartCurrencies(columns, "EUR")).toEqual(["USD", "BRL"]);
  });

  it("falls back to the organization's currency on a board without values", () => {
    expect(chartCurrencies([column("a", 0, [])], "BRL")).toEqual(["BRL"]);
  });
});

describe("pickCurrency", () => {
  it("keeps the user's pick while the board has it, else takes the first", () => {
    expect(pickCurrency(["BRL", "USD"], "USD")).toBe("USD");
    expect(pickCurrency(["BRL", "USD"], "JPY")).toBe("BRL");
    expect(pickCurrency(["BRL", "USD"], null)).toBe("BRL");
  });
});

describe("toChartBars", () => {
  it("gives one bar per stage in pipeline order, with only the chosen currency's total", () => {
    expect(toChartBars(columns, "USD")).toEqual([
      {
        stageId: "a",
        stage: "Stage a",
        color: "#6366f1",
        count: 1,
        total: { amount: "99.90", currency: "USD" },
        length: 99.9,
      },
      {
        stageId: "b",
        stage: "Stage b",
        color: "#6366f1",
        count: 2,
        total: { amount: "250.10", currency: "USD" },
        length: 250.1,
      },
      {
        stageId: "c",
        stage: "Stage c",
        color: "#6366f1",
        count: 0,
        total: { amount: "0", currency: "USD" },
        length: 0,
      },
    ]);
  });

  it("gives a stage without deals in the currency a zero bar, not another currency's value", () => {
    const bars = toChartBars(columns, "BRL");
    expect(bars.map((bar) => bar.total.amount)).toEqual(["1500.50", "0", "0"]);
    expect(bars.map((bar) => bar.length)).toEqual([1500.5, 0, 0]);
    expect(bars.map((bar) => bar.count)).toEqual([2, 0, 0]);
  });

  it("counts beside a currency's total only the deals in that currency", () => {
    // three BRL deals and one USD deal in the same stage
    const lead = column("lead", 0, [
      { amount: "2250.00", currency: "BRL", count: 3 },
      { amount: "800.00", currency: "USD", count: 1 },
    ]);
    expect(toChartBars([lead], "BRL")[0]).toMatchObject({ count: 3, total: { amount: "2250.00" } });
    expect(toChartBars([lead], "USD")[0]).toMatchObject({ count: 1, total: { amount: "800.00" } });
  });
});
