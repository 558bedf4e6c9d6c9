import type { DealFilter } from "@crm/domain";
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Database } from "../database.gen";

type DealsBuilder = ExpressionBuilder<Database, "deals">;

/** The WHERE of a deal filter (the organization is added by the caller). */
export function dealConditions(eb: DealsBuilder, filter: DealFilter): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.pipelineId) conditions.push(eb("pipeline_id", "=", filter.pipelineId));
  if (filter.stageId) conditions.push(eb("stage", "=", filter.stageId));
  if (filter.status) conditions.push(eb("status", "=", filter.status));
  if (filter.assigneeId) conditions.push(eb("assigned_to", "=", filter.assigneeId));
  if (filter.assigned !== undefined)
    conditions.push(eb("assigned_to", filter.assigned ? "is not" : "is", null));
  if (filter.contactId) conditions.push(eb("contact_id", "=", filter.contactId));
  if (filter.currency) conditions.push(eb("currency", "=", filter.currency));
  if (filter.valueMin !== undefined) conditions.push(eb("value", ">=", filter.valueMin));
  if (filter.valueMax !== undefined) conditions.push(eb("value", "<=", filter.valueMax));
  if (filter.rotting) {
    const rotting = eb.and([
      eb("status", "=", "open"),
      eb.or(
        filter.rotting.cutoffs.map((cutoff) =>
          eb.and([eb("stage", "=", cutoff.stageId), eb("stage_entered_at", "<", cutoff.enteredBefore)]),
        ),
      ),
    ]);
    conditions.push(filter.rotting.rotting ? rotting : eb.not(rotting));
  }
  return conditions;
}
