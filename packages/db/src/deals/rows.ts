import {
  type Deal,
  type DealActivity,
  type DealActivityType,
  type DealStatus,
  type Pipeline,
  type Stage,
  storedDealValue,
} from "@crm/domain";
import type { Selectable } from "kysely";
import type { JsonValue } from "../column-types";
import type { DealActivities, Deals, Pipelines } from "../database.gen";
import { isoTimestamp } from "../shared/iso-timestamp";

export const pipelineColumns = [
  "id",
  "organization_id",
  "name",
  "stages",
  "win_on_payment",
  "created_at",
  "updated_at",
] as const;

export const toPipeline = (row: Pick<Selectable<Pipelines>, (typeof pipelineColumns)[number]>): Pipeline => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  stages: toStages(row.stages, row.id),
  winOnPayment: row.win_on_payment,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const isObject = (value: JsonValue): value is { [key: string]: JsonValue } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** pipelines.stages is written only by us; a shape we did not write is a bug worth failing loudly on. */
function toStages(json: JsonValue, pipelineId: string): Stage[] {
  const stages = Array.isArray(json) ? json : [];
  return stages
    .map((item): Stage => {
      if (
        !isObject(item) ||
        typeof item.id !== "string" ||
        typeof item.name !== "string" ||
        typeof item.order !== "number" ||
        typeof item.color !== "string" ||
        typeof item.probability !== "number" ||
        !(item.rottingDays === null || typeof item.rottingDays === "number")
      ) {
        throw new Error(`Pipeline ${pipelineId} has a malformed stage: ${JSON.stringify(item)}`);
      }
      return {
        id: item.id,
        name: item.name,
        order: item.order,
        color: item.color,
        probability: item.probability,
        rottingDays: item.rottingDays,
      };
    })
    .sort((a, b) => a.order - b.order);
}

export const stagesJson = (stages: readonly Stage[]): string =>
  JSON.stringify(
    stages.map(({ id, name, order, color, probability, rottingDays }) => ({
      id,
      name,
      order,
      color,
      probability,
      rottingDays,
    })),
  );

const plainDealColumns = [
  "id",
  "organization_id",
  "title",
  "contact_id",
  "pipeline_id",
  "stage",
  "status",
  "value",
  "currency",
  "assigned_to",
  "expected_close_date",
  "lost_reason",
  "lost_reason_id",
] as const;

const timestampDealColumns = ["stage_entered_at", "won_at", "lost_at", "created_at", "updated_at"] as const;

/** Every column of a deal as stored: for a subquery whose rows are read with `dealColumns`. */
export const storedDealColumns = [...plainDealColumns, ...timestampDealColumns] as const;

/** The columns a deal is read from (table `deals`, or a subquery's alias), timestamps as ISO strings. */
export const dealColumns = <Table extends string>(table: Table) => [
  ...plainDealColumns.map((column) => `${table}.${column}` as const),
  ...timestampDealColumns.map((column) => isoTimestamp(table, column)),
];

export type DealRow = Pick<Selectable<Deals>, (typeof plainDealColumns)[number]> & {
  stage_entered_at: string;
  won_at: string | null;
  lost_at: string | null;
  created_at: string;
  updated_at: string;
};

export const toDeal = (row: DealRow): Deal => ({
  id: row.id,
  organizationId: row.organization_id,
  title: row.title,
  contactId: row.contact_id,
  pipelineId: row.pipeline_id,
  stageId: row.stage,
  status: row.status as DealStatus,
  value: storedDealValue(row.value, row.currency),
  assigneeId: row.assigned_to,
  expectedCloseDate: row.expected_close_date,
  lostReason: row.lost_reason,
  lostReasonId: row.lost_reason_id,
  stageEnteredAt: row.stage_entered_at,
  wonAt: row.won_at,
  lostAt: row.lost_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const activityColumns = [
  "id",
  "organization_id",
  "deal_id",
  "type",
  "content",
  "data",
  "due_at",
  "done_at",
  "actor_id",
  "api_key_id",
  "created_at",
] as const;

export const toDealActivity = (
  row: Pick<Selectable<DealActivities>, (typeof activityColumns)[number]>,
): DealActivity => ({
  id: row.id,
  organizationId: row.organization_id,
  dealId: row.deal_id,
  type: row.type as DealActivityType,
  content: row.content,
  data: isObject(row.data) ? row.data : {},
  dueAt: row.due_at,
  doneAt: row.done_at,
  actorId: row.actor_id,
  apiKeyId: row.api_key_id,
  createdAt: row.created_at,
});
