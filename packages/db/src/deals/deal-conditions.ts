import type { DealFilter } from "@crm/domain";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../database.gen";
import { escapeLike } from "../shared/escape-like";
import { asNameKey } from "../shared/name-key";

type DealsBuilder = ExpressionBuilder<Database, "deals">;

/** The WHERE of a deal filter (the organization is added by the caller, and scopes the search's lookups). */
export function dealConditions(
  eb: DealsBuilder,
  organizationId: string,
  filter: DealFilter,
): Expression<SqlBool>[] {
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
  if (filter.lostReasonId) conditions.push(eb("lost_reason_id", "=", filter.lostReasonId));
  if (filter.search) conditions.push(searchCondition(eb, organizationId, filter.search));
  return conditions;
}

/**
 * The title's trigram index (migration 0028), or a contact whose name (0019's index) or company's name matches,
 * all compared as stored keys: no accents, lower case (`title_key`, `name_key`). The matching companies
 * (0048's stored key and trigram index, as the contact search reads them) and then contacts are each gathered
 * once into an array (an InitPlan, not a subplan per deal), so the planner can OR the title's index with
 * idx_deals_contact.
 */
function searchCondition(eb: DealsBuilder, organizationId: string, search: string): Expression<SqlBool> {
  const pattern = asNameKey(`%${escapeLike(search)}%`);
  const companies = eb
    .selectFrom("companies")
    .select("companies.id")
    .where("companies.organization_id", "=", organizationId)
    .where("companies.name_key", "like", pattern);
  const contacts = eb
    .selectFrom("contacts")
    .select("contacts.id")
    .where("contacts.organization_id", "=", organizationId)
    .where((inner) =>
      inner.or([
        inner("contacts.name_key", "like", pattern),
        inner("contacts.company_id", "=", sql<string>`any(array(${companies}))`),
      ]),
    );
  return eb.or([
    eb("deals.title_key", "like", pattern),
    eb("deals.contact_id", "=", sql<string>`any(array(${contacts}))`),
  ]);
}
