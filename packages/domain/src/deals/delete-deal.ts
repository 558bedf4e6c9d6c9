import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import { assertUnchanged, type Precondition } from "../shared/record-version";
import { publishDealUpdated } from "./events";
import type { DealsDeps } from "./ports";

/** Deletes a deal with its activities. */
export async function deleteDeal(
  deps: DealsDeps,
  actor: Actor,
  id: string,
  precondition: Precondition = {},
): Promise<void> {
  const now = deps.clock.now();
  const deal = await deps.store.transaction(async (repos) => {
    const deal = await repos.deals.findById(actor.organizationId, id, "update");
    if (deal) assertUnchanged("deal", deal, precondition);
    if (!deal || !(await repos.deals.remove(actor.organizationId, id))) throw notFound("Deal");
    return deal;
  });
  await publishDealUpdated(
    deps.events,
    actor.organizationId,
    {
      dealId: deal.id,
      pipelineId: deal.pipelineId,
      stage: deal.stageId,
      status: deal.status,
      changes: ["deleted"],
    },
    now,
  );
}
