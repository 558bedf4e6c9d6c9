import { describe, expect, it } from "vitest";
import { createTurnBudget, type TurnBudget } from "./turn-budget";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A connection that writes `frames` frames as the budget lets it, recording each in `sent`. */
async function connection(budget: TurnBudget, name: string, frames: number, sent: string[]) {
  let granted = -1;
  for (let frame = 0; frame < frames; frame += 1) {
    if (granted !== budget.turn()) {
      const wait = budget.take();
      if (wait) await wait;
      granted = budget.turn();
    }
    sent.push(`${name}${frame}`);
  }
}

describe("turn budget", () => {
  it("lets perTurn connections through at once and the rest in order, with other callbacks between turns", async () => {
    const budget = createTurnBudget(2);
    const sent: string[] = [];
    const all = ["a", "b", "c", "d", "e"].map((name) => connection(budget, name, 1, sent));
    // what a socket's data or a new connection would run: a callback of a later turn
    setImmediate(() => sent.push("other callback"));
    expect(sent).toEqual(["a0", "b0"]);
    expect(budget.waiting()).toBe(3);
    await Promise.all(all);
    expect(sent).toEqual(["a0", "b0", "c0", "d0", "other callback", "e0"]);
    expect(budget.waiting()).toBe(0);
  });

  it("lets a connection write all it has in its turn, and the next ones only in later turns", async () => {
    const budget = createTurnBudget(1);
    const sent: string[] = [];
    const first = budget.turn();
    await Promise.all([connection(budget, "a", 3, sent), connection(budget, "b", 2, sent)]);
    expect(sent).toEqual(["a0", "a1", "a2", "b0", "b1"]);
    // "b" waited for the next turn
    expect(budget.turn()).toBe(first + 1);
  });

  it("lets connections write at once again once the backlog is gone", async () => {
    const budget = createTurnBudget(1);
    await Promise.all([budget.take(), budget.take(), budget.take()]);
    await nextTurn();
    await nextTurn();
    expect(budget.take()).toBeUndefined();
  });
});
