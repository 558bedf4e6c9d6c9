import type { Money } from "../../lib/money";
import type { BoardColumn } from "./board-state";

/** One bar of the pipeline chart: a stage's open value in one currency, and how many open deals it has. */
export interface ChartBar {
  stageId: string;
  stage: string;
  color: string;
  /** the stage's open deals in the chart's currency: a count beside a total counts what the total adds up */
  count: number;
  total: Money;
  /** the bar length only; labels format `total`, never this float */
  length: number;
}

interface ChartColumn extends Pick<BoardColumn, "totals"> {
  stage: Pick<BoardColumn["stage"], "id" | "name" | "order" | "color">;
}

/** The currencies the board has values in, the organization's first; just that one on a board without values. */
export function chartCurrencies(columns: readonly ChartColumn[], defaultCurrency: string): string[] {
  const seen = new Set<string>();
  for (const column of columns) for (const total of column.totals) seen.add(total.currency);
  if (seen.size === 0) return [defaultCurrency];
  const others = [...seen].filter((currency) => currency !== defaultCurrency);
  return seen.has(defaultCurrency) ? [defaultCurrency, ...others] : others;
}

/** The user's pick while the board still has it, otherwise the first of `currencies`. */
export function pickCurrency(currencies: readonly string[], chosen: string | null): string {
  if (chosen && currencies.includes(chosen)) return chosen;
  return currencies[0] ?? "";
}

/** Stages in pipeline order, each with its total in `currency` alone: other currencies are never added in. */
export function toChartBars(columns: readonly ChartColumn[], currency: string): ChartBar[] {
  return [...columns]
    .sort((a, b) => a.stage.order - b.stage.order)
    .map((column) => {
      const total = column.totals.find((item) => item.currency === currency);
      const amount = total?.amount ?? "0";
      return {
        stageId: column.stage.id,
        stage: column.stage.name,
        color: column.stage.color,
        count: total?.count ?? 0,
        total: { amount, currency },
        length: Number(amount),
      };
    });
}
