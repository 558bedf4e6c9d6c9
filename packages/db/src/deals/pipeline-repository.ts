import { type DealsRowLock, type PipelineRepository, pageSize } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, toPage } from "../shared/cursor";
import { pipelineColumns, stagesJson, toPipeline } from "./rows";

export function createPipelineRepository(db: Kysely<Database>): PipelineRepository {
  const select = (organizationId: string, lock?: DealsRowLock) => {
    const query = db
      .selectFrom("pipelines")
      .select(pipelineColumns)
      .where("organization_id", "=", organizationId);
    return lock === "update" ? query.forUpdate() : lock === "share" ? query.forShare() : query;
  };

  return {
    async create(organizationId, input) {
      const row = await db
        .insertInto("pipelines")
        .values({
          organization_id: organizationId,
          name: input.name,
          stages: stagesJson(input.stages),
          win_on_payment: input.winOnPayment,
        })
        .returning(pipelineColumns)
        .executeTakeFirstOrThrow();
      return toPipeline(row);
    },

    async findById(organizationId, id, lock) {
      const row = await select(organizationId, lock).where("id", "=", id).executeTakeFirst();
      return row ? toPipeline(row) : undefined;
    },

    async findByStageId(organizationId, stageId, lock) {
      const row = await select(organizationId, lock)
        .where(sql<boolean>`stages @> ${JSON.stringify([{ id: stageId.toLowerCase() }])}::jsonb`)
        .executeTakeFirst();
      return row ? toPipeline(row) : undefined;
    },

    async list(organizationId, page) {
      const limit = pageSize(page.limit);
      const cursor = decodeCursor(page.cursor, "pipelines");
      let query = select(organizationId)
        .orderBy("created_at", "asc")
        .orderBy("id", "asc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", ">", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", ">", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toPipeline, "pipelines");
    },

    async listAll(organizationId) {
      const rows = await select(organizationId).orderBy("created_at", "asc").orderBy("id", "asc").execute();
      return rows.map(toPipeline);
    },

    async update(organizationId, id, patch, at) {
      const row = await db
        .updateTable("pipelines")
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.stages !== undefined && { stages: stagesJson(patch.stages) }),
          ...(patch.winOnPayment !== undefined && { win_on_payment: patch.winOnPayment }),
          updated_at: at,
        })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning(pipelineColumns)
        .executeTakeFirst();
      return row ? toPipeline(row) : undefined;
    },

    async remove(organizationId, id) {
      const result = await db
        .deleteFrom("pipelines")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
