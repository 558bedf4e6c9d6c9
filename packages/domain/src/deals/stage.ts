import { DomainError, type FieldErrors } from "../shared/errors";
import { checkName } from "../shared/names";
import type { Stage } from "./model";

export const maxStages = 30;
export const maxStageNameLength = 60;
export const maxRottingDays = 3650;
export const stagePalette = ["#3b82f6", "#8b5cf6", "#f59e0b", "#10b981", "#ef4444", "#06b6d4", "#64748b"];

const colorPattern = /^#[0-9a-f]{6}$/i;

/** One stage of a pipeline edit: with an id it updates that stage, without one it creates a stage. */
export interface StageInput {
  id?: string | undefined;
  name?: string | undefined;
  color?: string | undefined;
  probability?: number | undefined;
  rottingDays?: number | null | undefined;
}

export interface StageEdits {
  /** in the order given, which is the pipeline's order */
  stages: Stage[];
  /** stages of the current pipeline that the edit leaves out */
  removed: Stage[];
}

/**
 * Applies a full stage list to a pipeline's current stages. Listed stages with an id keep it (renamed,
 * recolored or moved), listed stages without an id are created, current stages not listed are removed.
 * Fields left out of an existing stage keep their value. All problems are reported at once.
 */
export function applyStageEdits(
  current: readonly Stage[],
  edits: readonly StageInput[],
  newId: () => string,
): StageEdits {
  const errors: FieldErrors = {};
  const fail = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
  };
  if (edits.length === 0) fail("stages", "A pipeline needs at least one stage");
  if (edits.length > maxStages) fail("stages", `A pipeline has at most ${maxStages} stages`);

  const byId = new Map(current.map((stage) => [stage.id, stage]));
  const seenIds = new Set<string>();
  const seenNames = new Map<string, number>();
  const stages: Stage[] = [];

  edits.forEach((edit, index) => {
    const at = (field: string) => `stages.${index}.${field}`;
    let existing: Stage | undefined;
    if (edit.id !== undefined) {
      const id = edit.id.toLowerCase();
      existing = byId.get(id);
      if (!existing) fail(at("id"), "This pipeline has no stage with this id");
      else if (seenIds.has(id)) fail(at("id"), "This stage is listed twice");
      seenIds.add(id);
    }

    const checked = checkName(edit.name ?? existing?.name ?? "", "Stage name", maxStageNameLength);
    if (!checked.ok) fail(at("name"), checked.problem);
    const name = checked.ok ? checked.name : "";
    const key = name.toLocaleLowerCase();
    const sameName = seenNames.get(key);
    if (name.length > 0 && sameName !== undefined) fail(at("name"), `Stage ${sameName + 1} has this name`);
    seenNames.set(key, index);

    const color = edit.color ?? existing?.color ?? stagePalette[index % stagePalette.length] ?? "#64748b";
    if (!colorPattern.test(color)) fail(at("color"), "Color must be a hex color such as #3b82f6");

    const probability = edit.probability ?? existing?.probability ?? 0;
    if (!Number.isInteger(probability) || probability < 0 || probability > 100) {
      fail(at("probability"), "Probability must be a whole number from 0 to 100");
    }

    const rottingDays = edit.rottingDays === undefined ? (existing?.rottingDays ?? null) : edit.rottingDays;
    if (rottingDays !== null && !isRottingDays(rottingDays)) {
      fail(at("rottingDays"), `Rotting days must be empty or a whole number from 1 to ${maxRottingDays}`);
    }

    stages.push({
      id: existing?.id ?? newId(),
      name,
      order: index,
      color: color.toLowerCase(),
      probability,
      rottingDays,
    });
  });

  const [first] = Object.values(errors);
  if (first?.[0]) {
    throw new DomainError("VALIDATION_FAILED", first[0], { fieldErrors: errors });
  }
  const kept = new Set(stages.map((stage) => stage.id));
  return { stages, removed: current.filter((stage) => !kept.has(stage.id)) };
}

const isRottingDays = (days: number) => Number.isInteger(days) && days >= 1 && days <= maxRottingDays;

export const findStage = (stages: readonly Stage[], stageId: string): Stage | undefined =>
  stages.find((stage) => stage.id === stageId.toLowerCase());
