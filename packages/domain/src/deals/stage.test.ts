import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import type { Stage } from "./model";
import { applyStageEdits } from "./stage";

const ids = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
};

const current: Stage[] = [
  { id: "a", name: "Lead", order: 0, color: "#111111", probability: 10, rottingDays: 7 },
  { id: "b", name: "Proposal", order: 1, color: "#222222", probability: 50, rottingDays: null },
  { id: "c", name: "Closing", order: 2, color: "#333333", probability: 80, rottingDays: 3 },
];

const fieldErrors = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.details?.fieldErrors;
  }
  throw new Error("expected a validation error");
};

describe("applyStageEdits", () => {
  it("keeps a stage's id when it is renamed and moved, and keeps the fields left out", () => {
    const { stages, removed } = applyStageEdits(
      current,
      [{ id: "c", name: "Won soon" }, { id: "a" }, { id: "b", rottingDays: 10 }],
      ids(),
    );
    expect(stages).toEqual([
      { id: "c", name: "Won soon", order: 0, color: "#333333", probability: 80, rottingDays: 3 },
      { id: "a", name: "Lead", order: 1, color: "#111111", probability: 10, rottingDays: 7 },
      { id: "b", name: "Proposal", order: 2, color: "#222222", probability: 50, rottingDays: 10 },
    ]);
    expect(removed).toEqual([]);
  });

  it("creates stages listed without an id and removes stages left out", () => {
    const newId = ids();
    const { stages, removed } = applyStageEdits(
      current,
      [{ id: "a" }, { name: "Demo", probability: 30 }, { id: "c" }],
      newId,
    );
    expect(stages.map((s) => s.id)).toEqual(["a", "00000000-0000-4000-8000-000000000001", "c"]);
    expect(stages[1]).toMatchObject({ name: "Demo", order: 1, probability: 30, rottingDays: null });
    expect(stages[1]?.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(removed.map((s) => s.id)).toEqual(["b"]);
  });

  it("can set rottingDays back to null and lower-cases colors", () => {
    const { stages } = applyStageEdits(current, [{ id: "a", rottingDays: null, color: "#ABCDEF" }], ids());
    expect(stages[0]).toMatchObject({ rottingDays: null, color: "#abcdef" });
  });

  it("builds a new pipeline's stages from nothing, rejecting ids it does not know", () => {
    expect(applyStageEdits([], [{ name: "One" }, { name: "Two" }], ids()).stages).toHaveLength(2);
    expect(fieldErrors(() => applyStageEdits([], [{ id: "a", name: "One" }], ids()))).toEqual({
      "stages.0.id": ["This pipeline has no stage with this id"],
    });
  });

  it("reports every problem at once, on the stage's field", () => {
    expect(
      fieldErrors(() =>
        applyStageEdits(
          current,
          [
            { id: "a", name: "  " },
            { id: "a" },
            { name: "Proposal", color: "red", probability: 101, rottingDays: 0 },
            { name: "proposal", probability: 1.5 },
          ],
          ids(),
        ),
      ),
    ).toEqual({
      "stages.0.name": ["Stage name is required"],
      "stages.1.id": ["This stage is listed twice"],
      "stages.2.color": ["Color must be a hex color such as #3b82f6"],
      "stages.2.probability": ["Probability must be a whole number from 0 to 100"],
      "stages.2.rottingDays": ["Rotting days must be empty or a whole number from 1 to 3650"],
      "stages.3.name": ["Stage 3 has this name"],
      "stages.3.probability": ["Probability must be a whole number from 0 to 100"],
    });
  });

  it("needs at least one stage and a name for each new one", () => {
    expect(fieldErrors(() => applyStageEdits(current, [], ids()))).toEqual({
      stages: ["A pipeline needs at least one stage"],
    });
    expect(fieldErrors(() => applyStageEdits(current, [{ probability: 5 }], ids()))).toEqual({
      "stages.0.name": ["Stage name is required"],
    });
  });
});
