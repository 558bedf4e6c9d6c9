import { type DealFilter, type StageTotals, storedDealValue } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { dealConditions } from "./deal-conditions";

type BoardFilter = DealFilter & { pipelineId: string };

/** Filters deal_stage_totals (migration 0012) can answer: the pipeline, a stage and a status. */
const keptFilterKeys = new Set(["pipelineId", "stageId", "status"]);

const isKeptFilter = (filter: BoardFilter) =>
  Object.entries(filter).every(([key, value]) => value === undefined || keptFilterKeys.has(key));

/**
 * Count and per-currency totals (each with its own count) per stage. The unfiltered board reads the totals the deals triggers keep
 * (a few rows); any other filter aggregates the matching deals.
 */
export async function stageTotals(
  db: Kysely<Database>,
  organizationId: string,
  filter: BoardFilter,
): Promise<StageTotals[]> {
  const rows = isKeptFilter(filter)
    ? await keptTotals(db, organizationId, filter)
    : await db
        .selectFrom("deals")
        .select((eb) => [
          "stage",
          "currency",
          eb.fn.countAll<string>().as("count"),
          eb.fn.sum<string>("value").as("total"),
        ])
        .where("organization_id", "=", organizationId)
        .where((eb) => eb.and(dealConditions(eb, organizationId, filter)))
        .groupBy(["stage", "currency"])
        .orderBy("stage")
        .orderBy("currency")
        .execute();
  const byStage = new Map<string, StageTotals>();
  for (const row of rows) {
    const totals = byStage.get(row.stage) ?? { stageId: row.stage, count: 0, totals: [] };
    totals.count += Number(row.count);
    totals.totals.push({ ...storedDealValue(String(row.total), row.currency), count: Number(row.count) });
    byStage.set(row.stage, totals);
  }
  return [...byStage.values()];
}

function keptTotals(db: Kysely<Database>, organizationId: string, filter: BoardFilter) {
  let query = db
    .selectFrom("deal_stage_totals")
    .select((eb) => [
      "stage",
      "currency",
      eb.fn.sum<string>("deal_count").as("count"),
      eb.fn.sum<string>("value_total").as("total"),
    ])
    .where("organization_id", "=", organizationId)
    .where("pipeline_id", "=", filter.pipelineId)
    .where("deal_count", ">", "0");
  if (filter.stageId) query = query.where("stage", "=", filter.stageId);
  if (filter.status) query = query.where("status", "=", filter.status);
  return query.groupBy(["stage", "currency"]).orderBy("stage").orderBy("currency").execute();
}
