import type { ThreadCursorRepository } from "@crm/domain";
import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

type Scope = ExpressionBuilder<Database & { c: Database["conversations"] }, "c">;

/** One message id of the conversation, ordered as a number: by length, then digit by digit. */
const messageIdOf = (eb: Scope, organizationId: string, order: "asc" | "desc") =>
  eb
    .selectFrom("messages as m")
    .select("m.channel_message_id")
    .where("m.organization_id", "=", organizationId)
    .whereRef("m.conversation_id", "=", "c.id")
    .where(sql<boolean>`m.channel_message_id ~ '^[0-9]{1,20}$'`)
    .orderBy(sql`length(m.channel_message_id)`, order)
    .orderBy(sql`m.channel_message_id collate "C"`, order)
    .limit(1);

/** Reads each conversation's messages through idx_messages_conversation, once per new Gateway session. */
export function createThreadCursorRepository(db: Kysely<Database>): ThreadCursorRepository {
  return {
    async listByIntegration(organizationId, integrationId, channel, sentBefore) {
      const rows = await db
        .selectFrom("conversations as c")
        .select((eb) => [
          "c.channel_thread_id as threadId",
          messageIdOf(eb, organizationId, "desc")
            .where("m.direction", "=", "inbound")
            .where("m.sent_at", "<", sentBefore)
            .as("newestInbound"),
          messageIdOf(eb, organizationId, "asc").as("oldest"),
        ])
        .where("c.organization_id", "=", organizationId)
        .where("c.integration_id", "=", integrationId)
        .where("c.channel", "=", channel)
        .where("c.channel_thread_id", "is not", null)
        // the busiest threads first: a backfill cut short still covers them
        .orderBy("c.last_message_at", (ob) => ob.desc().nullsLast())
        .orderBy("c.id")
        .execute();
      return rows.flatMap(({ threadId, newestInbound, oldest }) => {
        const afterMessageId = newestInbound ?? oldest;
        return threadId && afterMessageId ? [{ threadId, afterMessageId }] : [];
      });
    },
  };
}
