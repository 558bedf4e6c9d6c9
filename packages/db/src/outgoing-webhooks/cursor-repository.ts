import type { EventCursorRepository } from "@crm/domain/outgoing-webhooks/ports";
import { entryIdTime, isEntryId } from "@crm/domain/realtime/entry-id";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

/** `<ms>-<seq>` ids as a (bigint, bigint) pair, so "10-0" comes after "9-5". */
const asPair = (column: string) =>
  sql`(split_part(${sql.raw(column)}, '-', 1)::bigint, split_part(${sql.raw(column)}, '-', 2)::bigint)`;

export function createEventCursorRepository(db: Kysely<Database>): EventCursorRepository {
  return {
    async find(organizationId) {
      const row = await db
        .selectFrom("outgoing_webhook_cursors")
        .select("last_entry_id")
        .where("organization_id", "=", organizationId)
        .executeTakeFirst();
      return row?.last_entry_id;
    },

    async position(organizationId) {
      const row = await db
        .selectFrom("outgoing_webhook_cursors")
        .select(["last_entry_id", "updated_at"])
        .where("organization_id", "=", organizationId)
        .executeTakeFirst();
      return row && { entryId: row.last_entry_id, recordedThrough: row.updated_at };
    },

    async markRecordedThrough(at, except, slackMs) {
      let update = db
        .updateTable("outgoing_webhook_cursors")
        .set({ updated_at: at })
        .where("updated_at", "<", new Date(at.getTime() - slackMs));
      if (except.length > 0) update = update.where("organization_id", "not in", except);
      await update.execute();
    },

    async advance(organizationId, entryId) {
      if (!isEntryId(entryId)) return;
      // recorded through the entry's time, not now: a replay records old entries
      const at = new Date(entryIdTime(entryId));
      await db
        .insertInto("outgoing_webhook_cursors")
        .values({ organization_id: organizationId, last_entry_id: entryId, updated_at: at })
        .onConflict((oc) =>
          oc
            .column("organization_id")
            .doUpdateSet({
              last_entry_id: entryId,
              updated_at: sql<Date>`greatest(outgoing_webhook_cursors.updated_at, ${at})`,
            })
            .where(
              sql<boolean>`${asPair("outgoing_webhook_cursors.last_entry_id")} < ${asPair("excluded.last_entry_id")}`,
            ),
        )
        .execute();
    },
  };
}
