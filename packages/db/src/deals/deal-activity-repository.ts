import { type DealActivityRepository, type NewDealActivity, pageSize } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, toPage } from "../shared/cursor";
import { activityColumns, toDealActivity } from "./rows";

// Postgres takes at most 65535 parameters per statement; an activity row has 8.
const insertChunk = 1000;

const toRow = (organizationId: string, input: NewDealActivity) => ({
  organization_id: organizationId,
  deal_id: input.dealId,
  type: input.type,
  content: input.content,
  data: JSON.stringify(input.data),
  due_at: input.dueAt,
  actor_id: input.actorId,
  created_at: input.createdAt,
});

export function createDealActivityRepository(db: Kysely<Database>): DealActivityRepository {
  return {
    async create(organizationId, input) {
      const row = await db
        .insertInto("deal_activities")
        .values(toRow(organizationId, input))
        .returning(activityColumns)
        .executeTakeFirstOrThrow();
      return toDealActivity(row);
    },

    async createMany(organizationId, inputs) {
      for (let start = 0; start < inputs.length; start += insertChunk) {
        const chunk = inputs.slice(start, start + insertChunk);
        await db
          .insertInto("deal_activities")
          .values(chunk.map((input) => toRow(organizationId, input)))
          .execute();
      }
    },

    async findById(organizationId, dealId, id) {
      const row = await db
        .selectFrom("deal_activities")
        .select(activityColumns)
        .where("organization_id", "=", organizationId)
        .where("deal_id", "=", dealId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toDealActivity(row) : undefined;
    },

    async list(organizationId, dealId, page) {
      const limit = pageSize(page.limit);
      const cursor = decodeCursor(page.cursor);
      let query = db
        .selectFrom("deal_activities")
        .select(activityColumns)
        .where("organization_id", "=", organizationId)
        .where("deal_id", "=", dealId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", "<", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toDealActivity);
    },

    async setDone(organizationId, dealId, id, doneAt) {
      const row = await db
        .updateTable("deal_activities")
        .set({ done_at: doneAt })
        .where("organization_id", "=", organizationId)
        .where("deal_id", "=", dealId)
        .where("id", "=", id)
        .returning(activityColumns)
        .executeTakeFirstOrThrow();
      return toDealActivity(row);
    },
  };
}
