import type { EventCursorRepository } from "@crm/domain/outgoing-webhooks/ports";
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

    async advance(organizationId, entryId) {
      if (!/^\d{1,15}-\d{1,15}$/.test(entryId)) return;
      await db
        .insertInto("outgoing_webhook_cursors")
        .values({ organization_id: organizationId, last_entry_id: entryId })
        .onConflict((oc) =>
          oc
            .column("organization_id")
            .doUpdateSet({ last_entry_id: entryId, updated_at: new Date() })
            .where(
              sql<boolean>`${asPair("outgoing_webhook_cursors.last_entry_id")} < ${asPair("excluded.last_entry_id")}`,
            ),
        )
        .execute();
    },
  };
}
