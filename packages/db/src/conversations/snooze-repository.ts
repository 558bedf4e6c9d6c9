import type { SnoozeRepository } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { conversationColumns, toConversation } from "./rows";

/** Wakes due conversations through idx_conversations_snoozed, a batch per statement. */
export function createSnoozeRepository(db: Kysely<Database>): SnoozeRepository {
  return {
    async wakeDue(now, limit) {
      const rows = await db
        .updateTable("conversations")
        .set({ status: "open", snoozed_until: null, updated_at: now })
        .where("id", "in", (qb) =>
          qb
            .selectFrom("conversations")
            .select("id")
            .where("status", "=", "snoozed")
            .where("snoozed_until", "<=", now)
            .orderBy("snoozed_until")
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        // a conversation reopened (or snoozed again) since the subquery read it is left as it is now
        .where("status", "=", "snoozed")
        .where("snoozed_until", "<=", now)
        .returning(conversationColumns)
        .execute();
      return rows.map(toConversation);
    },
  };
}
