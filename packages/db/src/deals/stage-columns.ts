import {
  type BoardDeal,
  type DealFilter,
  type Page,
  type PageRequest,
  pageSize,
  schedulableActivityTypes,
} from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, encodeCursor, filteredList } from "../shared/cursor";
import { dealConditions } from "./deal-conditions";
import { dealCursorFilters } from "./deal-cursor-filters";
import { type DealRow, dealColumns, storedDealColumns, toDeal } from "./rows";

type BoardFilter = DealFilter & { pipelineId: string };
type BoardRow = DealRow & { next_activity_due_at: string | null };

/**
 * A column's cursor names its stage: it is a position in that column only, among the deals of the board's
 * filters (the filter's stageId aside: the column is the stage).
 */
const boardColumnList = (stageIds: readonly string[], filter: BoardFilter) =>
  filteredList(`dealBoard.${stageIds.join(",")}`, dealCursorFilters({ ...filter, stageId: undefined }));

/**
 * The board's column pages in one statement: for each stage of `stageIds` (a lateral subquery per stage), a
 * range of idx_deals_board, most recently entered first, `limit + 1` rows. The filter's own stageId is ignored.
 * A cursor applies to every column, so it only makes sense with one stage.
 */
export function stageColumnsQuery(
  db: Kysely<Database>,
  organizationId: string,
  filter: BoardFilter,
  stageIds: readonly string[],
  page: PageRequest,
) {
  const limit = pageSize(page.limit);
  const cursor = decodeCursor(page.cursor, boardColumnList(stageIds, filter));
  let column = db
    .selectFrom("deals")
    .select(storedDealColumns)
    .where("organization_id", "=", organizationId)
    .where((eb) =>
      eb.and([
        ...dealConditions(eb, organizationId, { ...filter, stageId: undefined }),
        eb("stage", "=", sql.ref<string>("s.id")),
      ]),
    )
    .orderBy("stage_entered_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1);
  if (cursor) {
    column = column.where((eb) =>
      eb.or([
        eb("stage_entered_at", "<", new Date(cursor.at)),
        eb.and([eb("stage_entered_at", "=", new Date(cursor.at)), eb("id", "<", cursor.id)]),
      ]),
    );
  }
  return (
    db
      .selectFrom(
        sql<{ id: string; ord: string }>`unnest(${sql.val(stageIds)}::text[]) with ordinality`.as<"s">(
          sql`s(id, ord)`,
        ),
      )
      .innerJoinLateral(column.as("d"), (join) => join.onTrue())
      .select(dealColumns("d"))
      // per card, the first entry of idx_deal_activities_pending for its deal
      .select((eb) =>
        eb
          .selectFrom("deal_activities as a")
          .select(
            sql<string | null>`to_char(min(a.due_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(
              "due",
            ),
          )
          .where("a.organization_id", "=", organizationId)
          .where("a.deal_id", "=", eb.ref("d.id"))
          .where("a.done_at", "is", null)
          .where("a.due_at", "is not", null)
          .where("a.type", "in", schedulableActivityTypes)
          .as("next_activity_due_at"),
      )
      // sorts only the limit + 1 rows read per column
      .orderBy("s.ord")
      .orderBy("d.stage_entered_at", "desc")
      .orderBy("d.id", "desc")
  );
}

/** Every requested stage's page (empty when it has no matching deal), keyed by stage id. */
export async function stageColumns(
  db: Kysely<Database>,
  organizationId: string,
  filter: BoardFilter,
  stageIds: readonly string[],
  page: PageRequest,
): Promise<Map<string, Page<BoardDeal>>> {
  const rows =
    stageIds.length === 0
      ? []
      : await stageColumnsQuery(db, organizationId, filter, stageIds, page).execute();
  const byStage = new Map<string, BoardRow[]>(stageIds.map((stageId) => [stageId, []]));
  for (const row of rows) byStage.get(row.stage)?.push(row);
  const limit = pageSize(page.limit);
  const pages = new Map<string, Page<BoardDeal>>();
  for (const [stageId, stageRows] of byStage) {
    const hasMore = stageRows.length > limit;
    const pageRows = hasMore ? stageRows.slice(0, limit) : stageRows;
    const last = pageRows.at(-1);
    pages.set(stageId, {
      items: pageRows.map(
        (row): BoardDeal => Object.assign(toDeal(row), { nextActivityDueAt: row.next_activity_due_at }),
      ),
      nextCursor:
        hasMore && last
          ? encodeCursor(last.stage_entered_at, last.id, boardColumnList([stageId], filter))
          : null,
    });
  }
  return pages;
}
