import type { ContactsDeps } from "@crm/domain/contacts/ports";
import type { IngestionDeps } from "@crm/domain/conversations/ingestion-ports";
import type { DeliveryDeps } from "@crm/domain/conversations/ports";
import type { SnoozeDeps } from "@crm/domain/conversations/wake-snoozed";
import type { DeliveryDeps as WebhookDeliveryDeps } from "@crm/domain/outgoing-webhooks/ports";
import type { PaymentsDeps } from "@crm/domain/payments/ports";
import type { Logger } from "@crm/domain/shared/logger";
import type { RetentionJobDeps } from "./jobs/conversations/retention";
import type { Mailer } from "./mail/mailer";

/** What the job processors need; wired by the worker's container, or by the API's in embedded mode. */
export interface WorkerDeps {
  mailer: Mailer;
  logger: Logger;
  /** The contacts context, for CSV imports; without it (tests of other jobs) their processor is not registered. */
  contacts?: ContactsDeps;
  /** The inbound pipeline (webhooks, media, sweeper); registered only when wired. */
  ingestion?: IngestionDeps;
  /**
   * Outbound messages: the inbox with the channel adapters and credentials; `message-send` and `send-sweep`
   * only when wired.
   */
  delivery?: DeliveryDeps;
  /** Reopening conversations whose snooze ended; `snooze-wake` only when wired. */
  snoozes?: SnoozeDeps;
  /**
   * The daily clean-up of expired messages (with their media files), webhook logs and unconfirmed import
   * previews; only when wired.
   */
  retention?: RetentionJobDeps;
  /**
   * Payment providers' webhooks share `webhook-process` (and its sweeper) with the channels' when wired;
   * `payment-expiry` and `payment-refund-settle` only when wired.
   */
  payments?: PaymentsDeps;
  /** Outgoing webhooks to integrators: `outgoing-webhook-deliver` and its sweep, only when wired. */
  outgoingWebhooks?: WebhookDeliveryDeps;
}
