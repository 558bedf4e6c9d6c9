import type { DealsRepos, Transactional } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { createDealActivityRepository } from "./deal-activity-repository";
import { createDealReferences } from "./deal-references";
import { createDealRepository } from "./deal-repository";
import { createPipelineRepository } from "./pipeline-repository";

const dealsRepos = (db: Kysely<Database>): DealsRepos => ({
  pipelines: createPipelineRepository(db),
  deals: createDealRepository(db),
  activities: createDealActivityRepository(db),
  references: createDealReferences(db),
});

export function createDealsStore(db: Kysely<Database>): Transactional<DealsRepos> & DealsRepos {
  return {
    ...dealsRepos(db),
    transaction: (work) => db.transaction().execute((trx) => work(dealsRepos(trx))),
  };
}
