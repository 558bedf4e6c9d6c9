import type { Deal, Stage } from "./model";

const dayMs = 24 * 60 * 60 * 1000;

/** An open deal rots when it stays in its stage for more than the stage's rottingDays. */
export function isRotting(
  deal: Pick<Deal, "status" | "stageEnteredAt">,
  stage: Pick<Stage, "rottingDays"> | undefined,
  now: Date,
): boolean {
  if (deal.status !== "open" || !stage || stage.rottingDays === null) return false;
  return now.getTime() - Date.parse(deal.stageEnteredAt) > stage.rottingDays * dayMs;
}

/** The same rule as a query: an open deal in `stageId` entered before `enteredBefore` is rotting. */
export interface RottingCutoff {
  stageId: string;
  enteredBefore: Date;
}

export const rottingCutoffs = (stages: readonly Stage[], now: Date): RottingCutoff[] =>
  stages.flatMap((stage) =>
    stage.rottingDays === null
      ? []
      : [{ stageId: stage.id, enteredBefore: new Date(now.getTime() - stage.rottingDays * dayMs) }],
  );
