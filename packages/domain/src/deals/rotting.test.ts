import { describe, expect, it } from "vitest";
import type { DealStatus } from "./model";
import { isRotting, rottingCutoffs } from "./rotting";

const now = new Date("2025-06-15T12:00:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
const deal = (enteredDaysAgo: number, status: DealStatus = "open") => ({
  status,
  stageEnteredAt: daysAgo(enteredDaysAgo).toISOString(),
});

describe("isRotting", () => {
  it("is true once an open deal has been in its stage for more than rottingDays", () => {
    expect(isRotting(deal(6.9), { rottingDays: 7 }, now)).toBe(false);
    expect(isRotting(deal(7), { rottingDays: 7 }, now)).toBe(false);
    expect(isRotting(deal(7.001), { rottingDays: 7 }, now)).toBe(true);
    expect(isRotting(deal(30), { rottingDays: 7 }, now)).toBe(true);
  });

  it("is never true for a stage that does not rot, an unknown stage, or a closed deal", () => {
    expect(isRotting(deal(365), { rottingDays: null }, now)).toBe(false);
    expect(isRotting(deal(365), undefined, now)).toBe(false);
    expect(isRotting(deal(365, "won"), { rottingDays: 1 }, now)).toBe(false);
    expect(isRotting(deal(365, "lost"), { rottingDays: 1 }, now)).toBe(false);
  });
});

describe("rottingCutoffs", () => {
  const stages = [
    { id: "a", name: "A", order: 0, color: "#000000", probability: 0, rottingDays: 7 },
    { id: "b", name: "B", order: 1, color: "#000000", probability: 0, rottingDays: null },
  ];

  it("gives one cutoff per stage that rots, agreeing with isRotting", () => {
    const cutoffs = rottingCutoffs(stages, now);
    expect(cutoffs).toEqual([{ stageId: "a", enteredBefore: daysAgo(7) }]);
    for (const days of [6, 7, 7.5, 8]) {
      const cutoff = cutoffs[0];
      if (!cutoff) throw new Error("no cutoff");
      expect(new Date(deal(days).stageEnteredAt) < cutoff.enteredBefore).toBe(
        isRotting(deal(days), stages[0], now),
      );
    }
  });
});
