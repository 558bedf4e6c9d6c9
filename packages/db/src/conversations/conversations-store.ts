import type { ConversationsRepos, Transactional } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { createConversationReferences } from "./conversation-references";
import { createConversationRepository } from "./conversation-repository";
import { createMessageRepository } from "./message-repository";

const conversationsRepos = (db: Kysely<Database>): ConversationsRepos => ({
  conversations: createConversationRepository(db),
  messages: createMessageRepository(db),
  references: createConversationReferences(db),
});

export function createConversationsStore(
  db: Kysely<Database>,
): Transactional<ConversationsRepos> & ConversationsRepos {
  return {
    ...conversationsRepos(db),
    transaction: (work) => db.transaction().execute((trx) => work(conversationsRepos(trx))),
  };
}
