import type { StageInput } from "./stage";

export interface PipelineDraft {
  name: string;
  winOnPayment: boolean;
  stages: StageInput[];
}

const stageSettings = [
  { color: "#3b82f6", probability: 10, rottingDays: 7 },
  { color: "#8b5cf6", probability: 25, rottingDays: 14 },
  { color: "#f59e0b", probability: 50, rottingDays: 14 },
  { color: "#10b981", probability: 75, rottingDays: 21 },
];

const names = {
  pt: { pipeline: "Funil de vendas", stages: ["Novo lead", "Qualificado", "Proposta", "Negociação"] },
  en: { pipeline: "Sales pipeline", stages: ["New lead", "Qualified", "Proposal", "Negotiation"] },
};

/** The pipeline every new organization starts with, in its language (Portuguese for pt-*, else English). */
export function defaultPipeline(locale: string): PipelineDraft {
  const language = locale.toLowerCase().startsWith("pt") ? names.pt : names.en;
  return {
    name: language.pipeline,
    winOnPayment: true,
    stages: language.stages.map((name, index) => ({ name, ...stageSettings[index] })),
  };
}
