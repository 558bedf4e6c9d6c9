import {
  type AgendaFilter,
  type AgendaRow,
  type DealStatus,
  type Page,
  type PageRequest,
  pageSize,
  userActivityTypes,
} from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeAgendaCursor, encodeAgendaCursor } from "./agenda-cursor";
import { activityColumns, toDealActivity } from "./rows";

/**
 * The agenda's page: users' activities joined to their deals (and the deals' contacts), by (due_at, id),
 * read along idx_deal_activities_agenda, whose predicate the type condition repeats.
 */
export function agendaQuery(
  db: Kysely<Database>,
  organizationId: string,
  filter: AgendaFilter,
  page: PageRequest,
) {
  const limit = pageSize(page.limit);
  const cursor = decodeAgendaCursor(filter, page.cursor);
  let query = db
    .selectFrom("deal_activities as a")
    .innerJoin("deals as d", (join) =>
      join.onRef("d.organization_id", "=", "a.organization_id").onRef("d.id", "=", "a.deal_id"),
    )
    .leftJoin("contacts as c", (join) =>
      join.onRef("c.organization_id", "=", "d.organization_id").onRef("c.id", "=", "d.contact_id"),
    )
    .select(activityColumns.map((column) => `a.${column}` as const))
    .select([
      "d.title as deal_title",
      "d.pipeline_id as deal_pipeline_id",
      "d.stage as deal_stage",
      "d.status as deal_status",
      "d.assigned_to as deal_assigned_to",
      "c.name as contact_name",
    ])
    .where("a.organization_id", "=", organizationId)
    .where("a.type", "in", userActivityTypes)
    .orderBy(sql`a.due_at asc nulls last`)
    .orderBy("a.id", "asc")
    .limit(limit + 1);
  if (filter.type !== undefined) query = query.where("a.type", "=", filter.type);
  if (filter.due === "none") query = query.where("a.due_at", "is", null);
  if (filter.dueFrom) query = query.where("a.due_at", ">=", filter.dueFrom);
  if (filter.dueBefore) query = query.where("a.due_at", "<", filter.dueBefore);
  const { undoneFrom } = filter;
  if (undoneFrom) {
    query = query.where((eb) => eb.or([eb("a.done_at", "is not", null), eb("a.due_at", ">=", undoneFrom)]));
  }
  if (filter.done !== undefined) query = query.where("a.done_at", filter.done ? "is not" : "is", null);
  if (filter.ownerId !== undefined) query = query.where("d.assigned_to", "=", filter.ownerId);
  if (filter.dealId !== undefined) query = query.where("a.deal_id", "=", filter.dealId);
  if (filter.status !== undefined) query = query.where("d.status", "=", filter.status);
  if (cursor) {
    const { at, id } = cursor;
    const dated = filter.due !== undefined && filter.due !== "none";
    query = query.where((eb) =>
      at === null
        ? eb.and([eb("a.due_at", "is", null), eb("a.id", ">", id)])
        : dated
          ? eb(eb.refTuple("a.due_at", "a.id"), ">", eb.tuple(new Date(at), id))
          : eb.or([
              eb(eb.refTuple("a.due_at", "a.id"), ">", eb.tuple(new Date(at), id)),
              eb("a.due_at", "is", null),
            ]),
    );
  }
  return query;
}

export async function listAgenda(
  db: Kysely<Database>,
  organizationId: string,
  filter: AgendaFilter,
  page: PageRequest,
): Promise<Page<AgendaRow>> {
  const limit = pageSize(page.limit);
  const rows = await agendaQuery(db, organizationId, filter, page).execute();
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((row) => ({
      activity: toDealActivity(row),
      deal: {
        id: row.deal_id,
        title: row.deal_title,
        pipelineId: row.deal_pipeline_id,
        stageId: row.deal_stage,
        status: row.deal_status as DealStatus,
        assigneeId: row.deal_assigned_to,
        contactName: row.contact_name,
      },
    })),
    nextCursor: rows.length > limit && last ? encodeAgendaCursor(filter, last.due_at, last.id) : null,
  };
}
