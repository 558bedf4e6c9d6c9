import { type DealActivityRepository, type NewDealActivity, pageSize } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { decodeActivityCursor, encodeActivityCursor } from "./activity-cursor";
import { listAgenda } from "./agenda-query";
import { activityColumns, toDealActivity } from "./rows";

// Postgres takes at most 65535 parameters per statement; an activity row has 9.
const insertChunk = 1000;

const toRow = (organizationId: string, input: NewDealActivity) => ({
  organization_id: organizationId,
  deal_id: input.dealId,
  type: input.type,
  content: input.content,
  data: JSON.stringify(input.data),
  due_at: input.dueAt,
  actor_id: input.actorId,
  api_key_id: input.apiKeyId ?? null,
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
      const cursor = decodeActivityCursor(dealId, page.cursor);
      let query = db
        .selectFrom("deal_activities")
        .select([...activityColumns, "seq"])
        .where("organization_id", "=", organizationId)
        .where("deal_id", "=", dealId)
        .orderBy("created_at", "desc")
        .orderBy("seq", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "seq"), "<", eb.tuple(new Date(cursor.at), cursor.seq)),
        );
      }
      const rows = await query.execute();
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      return {
        items: pageRows.map(toDealActivity),
        nextCursor:
          rows.length > limit && last ? encodeActivityCursor(dealId, last.created_at, last.seq) : null,
      };
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

    agenda: (organizationId, filter, page) => listAgenda(db, organizationId, filter, page),
  };
}
