import { describe, expect, it } from "vitest";
import {
  draftsFromPipeline,
  hasStageProblems,
  isPipelineDirty,
  keptStages,
  moveStage,
  removedStages,
  stageProblems,
  toStageInputs,
} from "./stage-drafts";

const stage = (id: string, name: string, order: number, rottingDays: number | null = 7) => ({
  id,
  name,
  order,
  color: "#3b82f6",
  probability: order * 25,
  rottingDays,
});

const pipeline = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Sales",
  stages: [stage("s1", "Lead", 0), stage("s2", "Proposal", 1, null), stage("s3", "Negotiation", 2)],
  winOnPayment: true,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
};

describe("stage drafts", () => {
  it("round-trips a pipeline unchanged, with an empty rotting period meaning never", () => {
    const drafts = draftsFromPipeline(pipeline);
    expect(drafts[1]?.rottingDays).toBe("");
    expect(isPipelineDirty(pipeline, "Sales", drafts)).toBe(false);
    expect(toStageInputs(drafts)[1]).toEqual({
      id: "s2",
      name: "Proposal",
      color: "#3b82f6",
      probability: 25,
      rottingDays: null,
    });
  });

  it("reorders, renames and adds stages in the order the API will store", () => {
    const drafts = moveStage(draftsFromPipeline(pipeline), 2, 0);
    drafts.push({ key: "new-1", name: " Closing ", color: "#22c55e", probability: "90", rottingDays: "3" });
    const inputs = toStageInputs(drafts);
    expect(inputs.map((input) => input.name)).toEqual(["Negotiation", "Lead", "Proposal", "Closing"]);
    expect(inputs[3]).toEqual({ name: "Closing", color: "#22c55e", probability: 90, rottingDays: 3 });
    expect(isPipelineDirty(pipeline, "Sales", drafts)).toBe(true);
  });

  it("knows which stages are removed and which may receive their deals", () => {
    const drafts = draftsFromPipeline(pipeline).filter((draft) => draft.id !== "s2");
    drafts.push({ key: "new-1", name: "New", color: "#22c55e", probability: "0", rottingDays: "" });
    expect(removedStages(pipeline, drafts).map((item) => item.id)).toEqual(["s2"]);
    expect(keptStages(pipeline, drafts).map((item) => item.id)).toEqual(["s1", "s3"]);
  });

  it("offers the kept stages for the removed stage's deals as renamed and reordered on screen", () => {
    const drafts = moveStage(draftsFromPipeline(pipeline), 2, 1)
      .filter((draft) => draft.id !== "s1")
      .map((draft) => (draft.id === "s2" ? { ...draft, name: " Proposal sent " } : draft));
    expect(keptStages(pipeline, drafts)).toEqual([
      { id: "s3", name: "Negotiation" },
      { id: "s2", name: "Proposal sent" },
    ]);
  });

  it("checks names, probabilities and rotting periods before saving", () => {
    expect(
      stageProblems({ key: "k", name: " ", color: "#000000", probability: "101", rottingDays: "0" }),
    ).toEqual({
      name: "errors.field.required",
      probability: "errors.field.probability",
      rottingDays: "errors.field.rottingDays",
    });
    expect(hasStageProblems(draftsFromPipeline(pipeline))).toBe(false);
  });

  it("ignores moves past either end", () => {
    const drafts = draftsFromPipeline(pipeline);
    expect(moveStage(drafts, 0, -1).map((draft) => draft.id)).toEqual(["s1", "s2", "s3"]);
  });
});
