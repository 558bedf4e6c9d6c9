import { describe, expect, it } from "vitest";
import {
  addToStageTotals,
  appendColumnPage,
  type Board,
  type BoardDeal,
  findDeal,
  moveDealOnBoard,
  removeDeal,
  replaceDeal,
  restoreDeal,
} from "./board-state";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const [pipelineId, lead, proposal, won] = [uuid(1), uuid(2), uuid(3), uuid(4)];

const deal = (
  n: number,
  stage: string,
  amount: string,
  currency = "BRL",
  extra: Partial<BoardDeal> = {},
): BoardDeal => ({
  id: uuid(100 + n),
  title: `Deal ${n}`,
  contactId: null,
  pipelineId,
  stage,
  status: "open",
  value: { amount, currency },
  assigneeId: null,
  expectedCloseDate: null,
  lostReason: null,
  lostReasonId: null,
  rotting: false,
  stageEnteredAt: "2025-01-01T00:00:00.000Z",
  wonAt: null,
  lostAt: null,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
  nextActivityDueAt: null,
  activityOverdue: false,
  ...extra,
});

const stage = (id: string, order: number) => ({
  id,
  name: `Stage ${order}`,
  order,
  color: "#3b82f6",
  probability: 10,
  rottingDays: 7,
});

function board(): Board {
  return {
    pipeline: {
      id: pipelineId,
      name: "Sales",
      stages: [stage(lead, 0), stage(proposal, 1), stage(won, 2)],
      winOnPayment: true,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
    },
    columns: [
      {
        stage: stage(lead, 0),
        count: 5,
        totals: [
          { amount: "300.00", currency: "BRL", count: 4 },
          { amount: "40.00", currency: "USD", count: 1 },
        ],
        deals: [
          deal(1, lead, "100.00", "BRL", { rotting: true }),
          deal(2, lead, "40.00", "USD"),
          deal(3, lead, "200.00"),
        ],
        nextCursor: "cursor-lead",
      },
      {
        stage: stage(proposal, 1),
        count: 1,
        totals: [{ amount: "1000.00", currency: "BRL", count: 1 }],
        deals: [deal(4, proposal, "1000.00")],
        nextCursor: null,
      },
      { stage: stage(won, 2), count: 0, totals: [], deals: [], nextCursor: null },
    ],
  };
}

const column = (b: Board, id: string) => {
  const found = b.columns.find((item) => item.stage.id === id);
  if (!found) throw new Error("no column");
  return found;
};

describe("optimistic board moves", () => {
  it("moves a card at once to the top of its new column with counts and per-currency totals", () => {
    const before = board();
    const after = moveDealOnBoard(before, uuid(102), proposal, "2025-02-01T00:00:00.000Z");
    expect(column(after, lead).deals.map((item) => item.id)).toEqual([uuid(101), uuid(103)]);
    expect(column(after, lead).count).toBe(4);
    expect(column(after, lead).totals).toEqual([{ amount: "300.00", currency: "BRL", count: 4 }]);
    expect(column(after, proposal).deals[0]).toMatchObject({
      id: uuid(102),
      stage: proposal,
      stageEnteredAt: "2025-02-01T00:00:00.000Z",
    });
    expect(column(after, proposal).count).toBe(2);
    expect(column(after, proposal).totals).toEqual([
      { amount: "1000.00", currency: "BRL", count: 1 },
      { amount: "40.00", currency: "USD", count: 1 },
    ]);
    expect(column(before, lead).count).toBe(5);
  });

  it("keeps each currency's deal count with its total, and keeps a currency whose deals are worth zero", () => {
    const free = deal(7, lead, "0.00", "EUR");
    const withFree = {
      ...board(),
      columns: board().columns.map((item) =>
        item.stage.id === lead
          ? { ...item, deals: [free, ...item.deals], totals: addToStageTotals(item.totals, free.value) }
          : item,
      ),
    };
    expect(column(withFree, lead).totals).toContainEqual({ amount: "0.00", currency: "EUR", count: 1 });
    const moved = moveDealOnBoard(withFree, uuid(101), proposal, "2025-02-01T00:00:00.000Z");
    expect(column(moved, lead).totals).toEqual([
      { amount: "200.00", currency: "BRL", count: 3 },
      { amount: "40.00", currency: "USD", count: 1 },
      { amount: "0.00", currency: "EUR", count: 1 },
    ]);
    expect(column(moved, proposal).totals).toEqual([{ amount: "1100.00", currency: "BRL", count: 2 }]);
  });

  it("clears the rotting flag: the deal has just entered its stage", () => {
    const after = moveDealOnBoard(board(), uuid(101), won, "2025-02-01T00:00:00.000Z");
    expect(column(after, won).deals[0]?.rotting).toBe(false);
    expect(column(after, won).totals).toEqual([{ amount: "100.00", currency: "BRL", count: 1 }]);
  });

  it("changes nothing for a drop on the same column or an unknown card", () => {
    const before = board();
    expect(moveDealOnBoard(before, uuid(101), lead, "2025-02-01T00:00:00.000Z")).toBe(before);
    expect(moveDealOnBoard(before, uuid(999), won, "2025-02-01T00:00:00.000Z")).toBe(before);
  });

  it("rolls a refused move back to the same column, position, fields and totals", () => {
    const before = board();
    const placement = findDeal(before, uuid(102));
    if (!placement) throw new Error("missing");
    const moved = moveDealOnBoard(before, uuid(102), won, "2025-02-01T00:00:00.000Z");
    const rolledBack = restoreDeal(moved, placement);
    expect(rolledBack.columns).toEqual(before.columns);
  });

  it("rolls back correctly even when another page was loaded meanwhile", () => {
    const before = board();
    const placement = findDeal(before, uuid(101));
    if (!placement) throw new Error("missing");
    const moved = moveDealOnBoard(before, uuid(101), proposal, "2025-02-01T00:00:00.000Z");
    const more = appendColumnPage(moved, lead, { deals: [deal(5, lead, "1.00")], nextCursor: null });
    const rolledBack = restoreDeal(more, placement);
    expect(column(rolledBack, lead).deals.map((item) => item.id)).toEqual([
      uuid(101),
      uuid(102),
      uuid(103),
      uuid(105),
    ]);
    expect(column(rolledBack, lead).totals).toEqual(column(before, lead).totals);
    expect(column(rolledBack, proposal)).toEqual(column(before, proposal));
  });

  it("takes the server's version of the card after the move succeeds", () => {
    const moved = moveDealOnBoard(board(), uuid(101), proposal, "2025-02-01T00:00:00.000Z");
    const server = deal(1, proposal, "100.00", "BRL", { stageEnteredAt: "2025-02-01T00:00:01.000Z" });
    expect(column(replaceDeal(moved, server), proposal).deals[0]).toEqual(server);
  });

  it("keeps the card's activity marker, which a deal of the deals endpoints does not carry", () => {
    const marked = { nextActivityDueAt: "2025-01-02T09:00:00.000Z", activityOverdue: true };
    const before = board();
    const card = column(before, lead).deals[0];
    if (!card) throw new Error("no card");
    column(before, lead).deals[0] = { ...card, ...marked };
    const moved = moveDealOnBoard(before, uuid(101), proposal, "2025-02-01T00:00:00.000Z");
    const { nextActivityDueAt: _due, activityOverdue: _overdue, ...server } = deal(1, proposal, "100.00");
    expect(column(replaceDeal(moved, server), proposal).deals[0]).toEqual({ ...server, ...marked });
  });
});

describe("board columns", () => {
  it("appends a column's next page without duplicating cards already shown", () => {
    const after = appendColumnPage(board(), lead, {
      deals: [deal(3, lead, "200.00"), deal(6, lead, "5.00")],
      nextCursor: null,
    });
    expect(column(after, lead).deals.map((item) => item.id)).toEqual([
      uuid(101),
      uuid(102),
      uuid(103),
      uuid(106),
    ]);
    expect(column(after, lead).nextCursor).toBeNull();
    expect(column(after, lead).count).toBe(5);
  });

  it("removes a won or lost card with its value", () => {
    const after = removeDeal(board(), uuid(104));
    expect(column(after, proposal)).toMatchObject({ deals: [], count: 0, totals: [] });
  });
});
