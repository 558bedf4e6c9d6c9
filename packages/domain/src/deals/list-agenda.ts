import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import type { Page, PageRequest } from "../shared/pagination";
import { type AgendaQueryInput, isActivityOverdue, parseAgendaQuery } from "./agenda";
import type { AgendaRow, DealsDeps } from "./ports";

export interface AgendaItem extends AgendaRow {
  /** the name of the deal's stage now; null if its pipeline no longer has it */
  stageName: string | null;
  /** not done, past due, on a deal still open */
  overdue: boolean;
}

/**
 * The users' activities (notes, tasks, calls, meetings) across the organization's deals, earliest due first
 * (those without a due date last). Deals won or lost keep theirs listed: each item says its deal's status.
 */
export async function listAgenda(
  deps: DealsDeps,
  actor: Actor,
  query: AgendaQueryInput & PageRequest,
): Promise<Page<AgendaItem>> {
  const { cursor, limit, ...filterInput } = query;
  const organizationId = actor.organizationId;
  const now = deps.clock.now();
  const timeZone = await deps.store.references.timeZone(organizationId);
  const filter = parseAgendaQuery(filterInput, actor, now, timeZone);
  if (filter.dealId !== undefined && !(await deps.store.deals.findById(organizationId, filter.dealId))) {
    throw notFound("Deal");
  }
  const page = await deps.store.activities.agenda(organizationId, filter, { cursor, limit });
  const stageNames = new Map(
    (await deps.store.pipelines.listAll(organizationId)).flatMap((pipeline) =>
      pipeline.stages.map((stage) => [stage.id, stage.name] as const),
    ),
  );
  return {
    items: page.items.map((row) => ({
      ...row,
      stageName: stageNames.get(row.deal.stageId) ?? null,
      overdue: isActivityOverdue(row.activity, row.deal.status, now),
    })),
    nextCursor: page.nextCursor,
  };
}
