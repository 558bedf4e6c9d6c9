import { describe, expect, it } from "vitest";
import { defaultPipeline } from "./default-pipeline";
import { applyStageEdits } from "./stage";

describe("defaultPipeline", () => {
  it("names the stages in Portuguese for pt-BR", () => {
    const draft = defaultPipeline("pt-BR");
    expect(draft.stages.map((s) => s.name)).toEqual(["Novo lead", "Qualificado", "Proposta", "Negociação"]);
    expect(draft.winOnPayment).toBe(true);
  });

  it("names them in English otherwise", () => {
    expect(defaultPipeline("en").stages.map((s) => s.name)).toEqual([
      "New lead",
      "Qualified",
      "Proposal",
      "Negotiation",
    ]);
    expect(defaultPipeline("es").name).toBe("Sales pipeline");
  });

  it("passes the rules every pipeline obeys, with rising probabilities", () => {
    let n = 0;
    const { stages } = applyStageEdits([], defaultPipeline("pt-BR").stages, () => `id-${++n}`);
    const probabilities = stages.map((s) => s.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => a - b));
    expect(stages.every((s) => s.rottingDays !== null && s.rottingDays >= 1)).toBe(true);
  });
});
