import type { RouterOutputs } from "../../lib/api-types";
import { addDecimals, subtractDecimals } from "../../lib/decimal";
import type { Money } from "../../lib/money";

export type Board = RouterOutputs["pipelines"]["board"];
export type BoardColumn = Board["columns"][number];
export type BoardDeal = BoardColumn["deals"][number];

/** Where a card sat, so a refused move can put it back exactly there. */
export interface DealPlacement {
  stageId: string;
  index: number;
  deal: BoardDeal;
}

export function findDeal(board: Board, dealId: string): DealPlacement | null {
  for (const column of board.columns) {
    const index = column.deals.findIndex((deal) => deal.id === dealId);
    const deal = column.deals[index];
    if (deal) return { stageId: column.stage.id, index, deal };
  }
  return null;
}

/** A stage's value in one currency and how many of its deals are in that currency. */
export type StageTotal = BoardColumn["totals"][number];

/** Counts a deal into its currency's total; other currencies are never touched. */
export function addToStageTotals(totals: readonly StageTotal[], value: Money): StageTotal[] {
  const existing = totals.find((total) => total.currency === value.currency);
  if (!existing) return [...totals, { amount: value.amount, currency: value.currency, count: 1 }];
  return totals.map((total) =>
    total === existing
      ? { ...total, amount: addDecimals(total.amount, value.amount), count: total.count + 1 }
      : total,
  );
}

/** Counts a deal out of its currency's total; a currency left without deals is dropped, like the API does. */
export function removeFromStageTotals(totals: readonly StageTotal[], value: Money): StageTotal[] {
  return totals.flatMap((total) => {
    if (total.currency !== value.currency) return [total];
    const count = total.count - 1;
    return count <= 0 ? [] : [{ ...total, amount: subtractDecimals(total.amount, value.amount), count }];
  });
}

const withoutDeal = (column: BoardColumn, deal: BoardDeal): BoardColumn => ({
  ...column,
  deals: column.deals.filter((item) => item.id !== deal.id),
  count: Math.max(0, column.count - 1),
  totals: removeFromStageTotals(column.totals, deal.value),
});

const withDeal = (column: BoardColumn, deal: BoardDeal, index: number): BoardColumn => ({
  ...column,
  deals: [...column.deals.slice(0, index), deal, ...column.deals.slice(index)],
  count: column.count + 1,
  totals: addToStageTotals(column.totals, deal.value),
});

/** Takes a card off the board (won, lost, deleted), with its column's count and totals. */
export function removeDeal(board: Board, dealId: string): Board {
  const placement = findDeal(board, dealId);
  if (!placement) return board;
  return {
    ...board,
    columns: board.columns.map((column) =>
      column.stage.id === placement.stageId ? withoutDeal(column, placement.deal) : column,
    ),
  };
}

/**
 * The optimistic move: the card leaves its column and heads the target one (the API lists the most
 * recently entered first), counts and per-currency totals following it. `at` is when it entered.
 */
export function moveDealOnBoard(board: Board, dealId: string, toStageId: string, at: string): Board {
  const placement = findDeal(board, dealId);
  if (!placement || placement.stageId === toStageId) return board;
  if (!board.columns.some((column) => column.stage.id === toStageId)) return board;
  const moved: BoardDeal = { ...placement.deal, stage: toStageId, stageEnteredAt: at, rotting: false };
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column.stage.id === placement.stageId) return withoutDeal(column, placement.deal);
      if (column.stage.id === toStageId) return withDeal(column, moved, 0);
      return column;
    }),
  };
}

/** Undoes a refused move: the card goes back to its column and position, exactly as it was. */
export function restoreDeal(board: Board, placement: DealPlacement): Board {
  const cleared = removeDeal(board, placement.deal.id);
  return {
    ...cleared,
    columns: cleared.columns.map((column) =>
      column.stage.id === placement.stageId
        ? withDeal(column, placement.deal, Math.min(placement.index, column.deals.length))
        : column,
    ),
  };
}

/**
 * Puts the server's version of a card in place of the optimistic one. A deal as its own endpoints answer has no
 * activity marker: the card keeps the one the board gave it (a move does not change its activities).
 */
export function replaceDeal(
  board: Board,
  deal: Omit<BoardDeal, "nextActivityDueAt" | "activityOverdue">,
): Board {
  return {
    ...board,
    columns: board.columns.map((column) => ({
      ...column,
      deals: column.deals.map((item) => (item.id === deal.id ? { ...item, ...deal } : item)),
    })),
  };
}

/** Adds a column's next page, skipping cards already shown (a card moved in meanwhile). */
export function appendColumnPage(
  board: Board,
  stageId: string,
  page: Pick<BoardColumn, "deals" | "nextCursor">,
): Board {
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column.stage.id !== stageId) return column;
      const shown = new Set(column.deals.map((deal) => deal.id));
      return {
        ...column,
        deals: [...column.deals, ...page.deals.filter((deal) => !shown.has(deal.id))],
        nextCursor: page.nextCursor,
      };
    }),
  };
}

export const openDealCount = (board: Board): number =>
  board.columns.reduce((sum, column) => sum + column.count, 0);
