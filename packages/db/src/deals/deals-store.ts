import type { DealsRepos, Transactional } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { transactionWithRetry } from "../shared/transaction-retry";
import { createDealActivityRepository } from "./deal-activity-repository";
import { createDealReferences } from "./deal-references";
import { createDealRepository } from "./deal-repository";
import { createLostReasonRepository } from "./lost-reason-repository";
import { createPipelineRepository } from "./pipeline-repository";

const dealsRepos = (db: Kysely<Database>): DealsRepos => ({
  pipelines: createPipelineRepository(db),
  deals: createDealRepository(db),
  activities: createDealActivityRepository(db),
  lostReasons: createLostReasonRepository(db),
  references: createDealReferences(db),
});

export function createDealsStore(db: Kysely<Database>): Transactional<DealsRepos> & DealsRepos {
  return {
    ...dealsRepos(db),
    // a deal edit can meet a stage removal or a merge moving the same deals: retried on deadlock
    transaction: (work) => transactionWithRetry(db, (trx) => work(dealsRepos(trx))),
  };
}
