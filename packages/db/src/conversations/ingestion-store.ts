import type { IngestionRepos, IngestionStore } from "@crm/domain/conversations/ingestion-ports";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { createIngestionConversationRepository } from "./ingestion-conversation-repository";
import { createIngestionMessageRepository } from "./ingestion-message-repository";
import { createIngestionSenderRepository } from "./ingestion-sender-repository";
import { createIngestionWebhookLogRepository } from "./ingestion-webhook-log-repository";

const ingestionRepos = (db: Kysely<Database>): IngestionRepos => ({
  webhookLogs: createIngestionWebhookLogRepository(db),
  senders: createIngestionSenderRepository(db),
  conversations: createIngestionConversationRepository(db),
  messages: createIngestionMessageRepository(db),
});

/** The inbound pipeline's repositories, and a transaction giving the same ones bound to it. */
export function createIngestionStore(db: Kysely<Database>): IngestionStore {
  return {
    ...ingestionRepos(db),
    transaction: (work) => db.transaction().execute((trx) => work(ingestionRepos(trx))),
  };
}
