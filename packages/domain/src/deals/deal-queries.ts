import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import { type DealFilterInput, parseDealFilter } from "./deal-filter";
import { dealView } from "./deal-view";
import type { DealView } from "./model";
import type { DealSort, DealsDeps } from "./ports";

export async function getDeal(deps: DealsDeps, actor: Actor, id: string): Promise<DealView> {
  const deal = await deps.store.deals.findById(actor.organizationId, id);
  if (!deal) throw notFound("Deal");
  const pipeline = await deps.store.pipelines.findById(actor.organizationId, deal.pipelineId);
  return dealView(deal, pipeline, deps.clock.now());
}

/** Newest first (or in `sort`'s order), filtered; each deal says whether it is rotting. */
export async function listDeals(
  deps: DealsDeps,
  actor: Actor,
  query: DealFilterInput & PageRequest & { sort?: DealSort | undefined },
): Promise<Page<DealView>> {
  const { cursor, limit, sort, ...filterInput } = query;
  const now = deps.clock.now();
  const pipelines = await deps.store.pipelines.listAll(actor.organizationId);
  const filter = parseDealFilter(filterInput, pipelines, now);
  const page = await deps.store.deals.list(actor.organizationId, filter, { cursor, limit, sort });
  const byId = new Map(pipelines.map((pipeline) => [pipeline.id, pipeline]));
  return {
    items: page.items.map((deal) => dealView(deal, byId.get(deal.pipelineId), now)),
    nextCursor: page.nextCursor,
  };
}
