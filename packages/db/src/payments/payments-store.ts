import type { PaymentsRepos, Transactional } from "@crm/domain";
import type { Kysely } from "kysely";
import { createIngestionWebhookLogRepository } from "../conversations/ingestion-webhook-log-repository";
import type { Database } from "../database.gen";
import { createDealActivityRepository } from "../deals/deal-activity-repository";
import { createDealRepository } from "../deals/deal-repository";
import { createPipelineRepository } from "../deals/pipeline-repository";
import { createNotificationRepository } from "../notifications/notification-repository";
import { transactionWithRetry } from "../shared/transaction-retry";
import { createPaymentIntegrationRepository } from "./payment-integration-repository";
import { createPaymentRepository } from "./payment-repository";
import { createRefundRequestRepository } from "./refund-request-repository";

const paymentsRepos = (db: Kysely<Database>): PaymentsRepos => ({
  payments: createPaymentRepository(db),
  refundRequests: createRefundRequestRepository(db),
  integrations: createPaymentIntegrationRepository(db),
  deals: createDealRepository(db),
  pipelines: createPipelineRepository(db),
  activities: createDealActivityRepository(db),
  webhookLogs: createIngestionWebhookLogRepository(db),
  notifications: createNotificationRepository(db),
});

/** Payments with the deal repositories, so a paid payment and its won deal commit together. */
export function createPaymentsStore(db: Kysely<Database>): Transactional<PaymentsRepos> & PaymentsRepos {
  return {
    ...paymentsRepos(db),
    // it writes deals too, which a stage removal or a deal edit may hold: retried on deadlock
    transaction: (work) => transactionWithRetry(db, (trx) => work(paymentsRepos(trx))),
  };
}
