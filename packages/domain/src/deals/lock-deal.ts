import { DomainError } from "../shared/errors";
import type { Deal, Pipeline } from "./model";
import type { DealRepository, PipelineRepository } from "./ports";

/**
 * Locks the deal's pipeline (share: its stages cannot change) and then the deal (update). Removing a stage
 * locks the pipeline and then its deals: every writer taking the locks in this order, none can deadlock.
 * Undefined when the deal does not exist.
 */
export async function lockDealInPipelineOrder(
  repos: { deals: Pick<DealRepository, "findById">; pipelines: Pick<PipelineRepository, "findById"> },
  organizationId: string,
  id: string,
): Promise<{ deal: Deal; pipeline: Pipeline | undefined } | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const seen = await repos.deals.findById(organizationId, id);
    if (!seen) return undefined;
    const pipeline = await repos.pipelines.findById(organizationId, seen.pipelineId, "share");
    const deal = await repos.deals.findById(organizationId, id, "update");
    if (!deal) return undefined;
    // moved to another pipeline between the two reads: lock that one instead
    if (deal.pipelineId === seen.pipelineId) return { deal, pipeline };
  }
  throw new DomainError("CONFLICT", "The deal keeps moving between pipelines; try again");
}
