import { type DealPatch, type DealRepository, pageSize, storedDealValue } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { recordDeletions } from "../deletions/tombstones";
import { decodeCursor, filteredList, toPage } from "../shared/cursor";
import { afterUpdated, toUpdatedPage, updatedList, updatedRangeConditions } from "../shared/updated-order";
import { dealConditions } from "./deal-conditions";
import { dealCursorFilters } from "./deal-cursor-filters";
import { dealColumns, toDeal } from "./rows";
import { stageColumns } from "./stage-columns";
import { stageTotals } from "./stage-totals";

export function createDealRepository(db: Kysely<Database>): DealRepository {
  return {
    async create(organizationId, input, at) {
      const row = await db
        .insertInto("deals")
        .values({
          organization_id: organizationId,
          title: input.title,
          contact_id: input.contactId,
          pipeline_id: input.pipelineId,
          stage: input.stageId,
          value: input.value.amount,
          currency: input.value.currency,
          assigned_to: input.assigneeId,
          expected_close_date: input.expectedCloseDate,
          stage_entered_at: at,
          created_at: at,
          updated_at: at,
        })
        .returning(dealColumns("deals"))
        .executeTakeFirstOrThrow();
      return toDeal(row);
    },

    async findById(organizationId, id, lock) {
      const query = db
        .selectFrom("deals")
        .select(dealColumns("deals"))
        .where("organization_id", "=", organizationId)
        .where("id", "=", id);
      const locked = lock === "update" ? query.forUpdate() : lock === "share" ? query.forShare() : query;
      const row = await locked.executeTakeFirst();
      return row ? toDeal(row) : undefined;
    },

    async list(organizationId, filter, page) {
      const limit = pageSize(page.limit);
      const list = filteredList("deals", dealCursorFilters(filter));
      const base = db
        .selectFrom("deals")
        .select(dealColumns("deals"))
        .where("organization_id", "=", organizationId)
        .where((eb) => eb.and(dealConditions(eb, organizationId, filter)))
        .where((eb) => eb.and(updatedRangeConditions("deals", filter)));
      if (page.sort === "updatedAt") {
        const after = decodeCursor(page.cursor, updatedList(list));
        const query = (after ? base.where(afterUpdated("deals", after)) : base)
          .orderBy("deals.updated_at", "asc")
          .orderBy("deals.id", "asc")
          .limit(limit + 1);
        return toUpdatedPage(await query.execute(), limit, toDeal, list);
      }
      const cursor = decodeCursor(page.cursor, list);
      let query = base
        .orderBy("deals.created_at", "desc")
        .orderBy("deals.id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", "<", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toDeal, list);
    },

    async update(organizationId, id, patch, at) {
      return toDeal(
        await db
          .updateTable("deals")
          .set({ ...dealPatchColumns(patch), updated_at: at })
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .returning(dealColumns("deals"))
          .executeTakeFirstOrThrow(),
      );
    },

    async remove(organizationId, id) {
      const removed = await db
        .deleteFrom("deals")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning("id")
        .execute();
      await recordDeletions(
        db,
        organizationId,
        "deal",
        removed.map((row) => row.id),
      );
      return removed.length > 0;
    },

    async countPendingPayments(organizationId, dealId) {
      // idx_payments_deal; a link being created for the deal meanwhile holds a key-share lock on the deal's row,
      // which the caller's FOR UPDATE waits for, so it is counted here
      const row = await db
        .selectFrom("payments")
        .select((eb) => eb.fn.countAll<string>().as("count"))
        .where("organization_id", "=", organizationId)
        .where("deal_id", "=", dealId)
        .where("status", "=", "pending")
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async countInPipeline(organizationId, pipelineId, stageIds) {
      if (stageIds?.length === 0) return 0;
      let query = db
        .selectFrom("deals")
        .select((eb) => eb.fn.countAll<string>().as("count"))
        .where("organization_id", "=", organizationId)
        .where("pipeline_id", "=", pipelineId);
      if (stageIds) query = query.where("stage", "in", stageIds);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async countByStatus(organizationId, pipelineId) {
      const rows = await db
        .selectFrom("deals")
        .select(["status", (eb) => eb.fn.countAll<string>().as("count")])
        .where("organization_id", "=", organizationId)
        .where("pipeline_id", "=", pipelineId)
        .groupBy("status")
        .execute();
      const counts = { open: 0, won: 0, lost: 0 };
      for (const row of rows) counts[row.status as keyof typeof counts] = Number(row.count);
      return counts;
    },

    async moveAll(organizationId, from, to, at) {
      if (from.stageIds?.length === 0) return [];
      const rows = await db
        .with("moved", (qb) => {
          let query = qb
            .selectFrom("deals")
            .select(["id", "stage"])
            .where("organization_id", "=", organizationId)
            .where("pipeline_id", "=", from.pipelineId);
          if (from.stageIds) query = query.where("stage", "in", from.stageIds);
          return query.forUpdate();
        })
        .updateTable("deals")
        .from("moved")
        .set({ pipeline_id: to.pipelineId, stage: to.stageId, stage_entered_at: at, updated_at: at })
        .whereRef("deals.id", "=", "moved.id")
        .returning(["deals.id", "moved.stage as from_stage", "deals.status"])
        .execute();
      return rows.map((row) => ({ id: row.id, fromStageId: row.from_stage, status: row.status }));
    },

    stageColumns: (organizationId, filter, stageIds, page) =>
      stageColumns(db, organizationId, filter, stageIds, page),

    stageTotals: (organizationId, filter) => stageTotals(db, organizationId, filter),

    async lostTotals(organizationId, filter) {
      let query = db
        .selectFrom("deals")
        .select((eb) => [
          "lost_reason_id",
          "currency",
          eb.fn.countAll<string>().as("count"),
          eb.fn.sum<string>("value").as("total"),
        ])
        .where("organization_id", "=", organizationId)
        .where("status", "=", "lost");
      if (filter.pipelineId) query = query.where("pipeline_id", "=", filter.pipelineId);
      if (filter.lostFrom) query = query.where("lost_at", ">=", filter.lostFrom);
      if (filter.lostTo) query = query.where("lost_at", "<=", filter.lostTo);
      const rows = await query.groupBy(["lost_reason_id", "currency"]).orderBy("currency").execute();
      return rows.map((row) => ({
        lostReasonId: row.lost_reason_id,
        count: Number(row.count),
        ...storedDealValue(String(row.total ?? "0"), row.currency),
      }));
    },
  };
}

function dealPatchColumns(patch: DealPatch) {
  return {
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.contactId !== undefined && { contact_id: patch.contactId }),
    ...(patch.pipelineId !== undefined && { pipeline_id: patch.pipelineId }),
    ...(patch.stageId !== undefined && { stage: patch.stageId }),
    ...(patch.stageEnteredAt !== undefined && { stage_entered_at: patch.stageEnteredAt }),
    ...(patch.value !== undefined && { value: patch.value.amount, currency: patch.value.currency }),
    ...(patch.assigneeId !== undefined && { assigned_to: patch.assigneeId }),
    ...(patch.expectedCloseDate !== undefined && { expected_close_date: patch.expectedCloseDate }),
    ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.lostReason !== undefined && { lost_reason: patch.lostReason }),
    ...(patch.lostReasonId !== undefined && { lost_reason_id: patch.lostReasonId }),
    ...(patch.wonAt !== undefined && { won_at: patch.wonAt }),
    ...(patch.lostAt !== undefined && { lost_at: patch.lostAt }),
  };
}
