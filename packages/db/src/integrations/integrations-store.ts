import type { IntegrationsRepos, Transactional } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { transactionWithRetry } from "../shared/transaction-retry";
import { createIntegrationRepository } from "./integration-repository";
import { createWebhookLogRepository } from "./webhook-log-repository";

const integrationsRepos = (db: Kysely<Database>): IntegrationsRepos => ({
  integrations: createIntegrationRepository(db),
  webhookLogs: createWebhookLogRepository(db),
});

export function createIntegrationsStore(
  db: Kysely<Database>,
): Transactional<IntegrationsRepos> & IntegrationsRepos {
  return {
    ...integrationsRepos(db),
    transaction: (work) => transactionWithRetry(db, (trx) => work(integrationsRepos(trx))),
  };
}
