import type { PlainMessageKey } from "../../i18n/translate";
import type { RouterInputs } from "../../lib/api-types";
import type { Pipeline, Stage } from "./use-deal-options";

/** A stage row while the user edits the pipeline; numbers stay text until saved. */
export interface StageDraft {
  /** Stable React key, also for rows not saved yet. */
  key: string;
  /** The stage's id once it exists on the server. */
  id?: string | undefined;
  name: string;
  color: string;
  probability: string;
  /** Empty: the stage never rots. */
  rottingDays: string;
}

export type StageProblems = Partial<Record<"name" | "probability" | "rottingDays", PlainMessageKey>>;
type StageInput = NonNullable<RouterInputs["pipelines"]["update"]["stages"]>[number];

export const newStageColor = "#6366f1";

export const draftFromStage = (stage: Stage): StageDraft => ({
  key: stage.id,
  id: stage.id,
  name: stage.name,
  color: stage.color,
  probability: String(stage.probability),
  rottingDays: stage.rottingDays === null ? "" : String(stage.rottingDays),
});

export const draftsFromPipeline = (pipeline: Pipeline): StageDraft[] => pipeline.stages.map(draftFromStage);

export function moveStage(drafts: readonly StageDraft[], from: number, to: number): StageDraft[] {
  if (to < 0 || to >= drafts.length || from === to) return [...drafts];
  const next = [...drafts];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

/** Stages the pipeline has now that the edit drops: their deals need somewhere to go. */
export function removedStages(pipeline: Pipeline, drafts: readonly StageDraft[]): Stage[] {
  const kept = new Set(drafts.map((draft) => draft.id).filter(Boolean));
  return pipeline.stages.filter((stage) => !kept.has(stage.id));
}

export type StageTarget = Pick<Stage, "id" | "name">;

/**
 * Where deals of removed stages may go: a stage that exists now and stays, named and ordered as on
 * screen, since that is what the save will store.
 */
export function keptStages(pipeline: Pipeline, drafts: readonly StageDraft[]): StageTarget[] {
  const existing = new Set(pipeline.stages.map((stage) => stage.id));
  return drafts.flatMap((draft) =>
    draft.id !== undefined && existing.has(draft.id) ? [{ id: draft.id, name: draft.name.trim() }] : [],
  );
}

const wholeNumber = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

export function stageProblems(draft: StageDraft): StageProblems {
  const problems: StageProblems = {};
  if (draft.name.trim() === "") problems.name = "errors.field.required";
  if (!wholeNumber(draft.probability, 0, 100)) problems.probability = "errors.field.probability";
  if (draft.rottingDays.trim() !== "" && !wholeNumber(draft.rottingDays, 1, 3650))
    problems.rottingDays = "errors.field.rottingDays";
  return problems;
}

export const hasStageProblems = (drafts: readonly StageDraft[]): boolean =>
  drafts.some((draft) => Object.keys(stageProblems(draft)).length > 0);

/** The full stage list the API expects, in order: ids keep stages, rows without one are created. */
export const toStageInputs = (drafts: readonly StageDraft[]): StageInput[] =>
  drafts.map((draft) => ({
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name.trim(),
    color: draft.color,
    probability: Number(draft.probability),
    rottingDays: draft.rottingDays.trim() === "" ? null : Number(draft.rottingDays),
  }));

export function isPipelineDirty(pipeline: Pipeline, name: string, drafts: readonly StageDraft[]): boolean {
  if (name.trim() !== pipeline.name) return true;
  const before = JSON.stringify(toStageInputs(draftsFromPipeline(pipeline)));
  return before !== JSON.stringify(toStageInputs(drafts));
}
