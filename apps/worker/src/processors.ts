import type { JobProcessorHost } from "@crm/domain/shared/jobs";
import type { WorkerDeps } from "./deps";
import { importContacts } from "./jobs/contacts/import-contacts";
import { sweepImportsJob } from "./jobs/contacts/sweep-imports";
import { downloadMediaJob } from "./jobs/conversations/download-media";
import { processWebhookJob } from "./jobs/conversations/process-webhook";
import { retentionJob } from "./jobs/conversations/retention";
import { sendMessageJob } from "./jobs/conversations/send-message";
import { sweepSendsJob } from "./jobs/conversations/sweep-sends";
import { sweepWebhooksJob } from "./jobs/conversations/sweep-webhooks";
import { wakeSnoozedJob } from "./jobs/conversations/wake-snoozed";
import { sendEmail } from "./jobs/notifications/send-email";
import { deliverWebhookJob, sweepWebhookDeliveriesJob } from "./jobs/outgoing-webhooks/deliver-webhook";
import { expirePaymentsJob } from "./jobs/payments/expire-payments";
import { processPaymentWebhookJob } from "./jobs/payments/process-payment-webhook";
import { settleRefundsJob } from "./jobs/payments/settle-refunds";

/**
 * Registers every job processor. Shared by the standalone worker (BullMQ) and the API in embedded mode
 * (in-process queue), so it reads no environment and starts nothing by itself.
 */
export function registerProcessors(host: JobProcessorHost, deps: WorkerDeps): void {
  host.process("email", (mail, job) => sendEmail(deps, mail, job), { concurrency: 5 });
  const contacts = deps.contacts;
  if (contacts) {
    host.process("contacts-import", (payload, job) => importContacts({ ...deps, contacts }, payload, job), {
      concurrency: 2,
    });
    host.process("contacts-import-sweep", () => sweepImportsJob({ ...deps, contacts }));
  }
  const ingestion = deps.ingestion;
  if (ingestion) {
    // each webhook holds one database connection for its transaction: keep below the pool size
    const payments = deps.payments;
    host.process(
      "webhook-process",
      async (payload, job) => {
        // a payment provider's log is the payments context's; every other one is a channel's
        if (payments && (await processPaymentWebhookJob(payments, payload, job))) return;
        await processWebhookJob(ingestion, payload, job);
      },
      { concurrency: 8 },
    );
    host.process("media-download", (payload, job) => downloadMediaJob(ingestion, payload, job), {
      concurrency: 4,
    });
    host.process("webhook-sweep", () => sweepWebhooksJob(ingestion));
  }
  const delivery = deps.delivery;
  if (delivery) {
    host.process(
      "message-send",
      (payload, job) => sendMessageJob({ ...delivery, logger: deps.logger }, payload, job),
      {
        concurrency: 8,
      },
    );
  }
  if (delivery) {
    host.process("send-sweep", () => sweepSendsJob({ ...delivery, logger: deps.logger }));
  }
  const snoozes = deps.snoozes;
  if (snoozes) host.process("snooze-wake", () => wakeSnoozedJob({ ...snoozes, logger: deps.logger }));
  const payments = deps.payments;
  if (payments) host.process("payment-expiry", () => expirePaymentsJob(payments));
  if (payments) host.process("payment-refund-settle", () => settleRefundsJob(payments));
  const retention = deps.retention;
  if (retention) host.process("retention", () => retentionJob({ ...retention, logger: deps.logger }));
  const outgoingWebhooks = deps.outgoingWebhooks;
  if (outgoingWebhooks) {
    // each attempt may wait up to 10 s on a slow receiver: many at once, few connections held meanwhile
    host.process("outgoing-webhook-deliver", (payload) => deliverWebhookJob(outgoingWebhooks, payload), {
      concurrency: 16,
    });
    host.process("outgoing-webhook-sweep", () => sweepWebhookDeliveriesJob(outgoingWebhooks));
  }
}
