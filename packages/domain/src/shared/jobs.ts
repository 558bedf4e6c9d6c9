/** Payloads of every background job, by queue name. A job only points at durable state or carries a message. */
export interface JobPayloads {
  email: EmailJob;
  "contacts-import": ContactImportJob;
  "contacts-import-sweep": ContactImportSweepJob;
  "webhook-process": WebhookProcessJob;
  "media-download": MediaDownloadJob;
  "webhook-sweep": WebhookSweepJob;
  "message-send": MessageSendJob;
  "send-sweep": SendSweepJob;
  "snooze-wake": SnoozeWakeJob;
  "payment-expiry": PaymentExpiryJob;
  "payment-refund-settle": PaymentRefundSettleJob;
  retention: RetentionJob;
  "outgoing-webhook-deliver": OutgoingWebhookDeliverJob;
  "outgoing-webhook-sweep": OutgoingWebhookSweepJob;
}

/** One attempt of an outgoing webhook delivery (`outgoing_webhook_deliveries` row). */
export interface OutgoingWebhookDeliverJob {
  deliveryId: string;
}

/** Repeatable: re-enqueues outgoing webhook deliveries whose attempt is overdue (their job was lost). */
export type OutgoingWebhookSweepJob = Record<string, never>;

export interface EmailJob {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends one outbound message; enqueued with `jobId` = the message's id (a retry gets an id of its own). */
export interface MessageSendJob {
  messageId: string;
}

/** Repeatable: re-enqueues outbound messages left pending (their send job was lost). */
export type SendSweepJob = Record<string, never>;

/** Repeatable: reopens conversations whose snooze ended. */
export type SnoozeWakeJob = Record<string, never>;

/** Repeatable: marks expired the payments still pending well after their link expired (Mercado Pago says nothing). */
export type PaymentExpiryJob = Record<string, never>;

/** Repeatable: settles refunds whose answer was never recorded (the process died, the provider never answered). */
export type PaymentRefundSettleJob = Record<string, never>;

/** The daily clean-up of expired messages and webhook logs; it reads everything it needs from the database. */
export type RetentionJob = Record<string, never>;

/** The CSV itself stays in the import's row; the job resumes from the import's `processed` count. */
export interface ContactImportJob {
  importId: string;
}

/** Repeatable: re-enqueues contact imports whose jobs were lost (no progress for a while). */
export type ContactImportSweepJob = Record<string, never>;

/**
 * Processes a stored webhook (`webhook_logs` row). Enqueue it with `jobId` = the log's id, so the sweeper's
 * re-enqueue never doubles it, and `attempts: webhookProcessAttempts`: the log turns `failed` on the last one.
 */
export interface WebhookProcessJob {
  webhookLogId: string;
}

export const webhookProcessAttempts = 5;

/** Downloads an inbound message's media from the provider into storage. */
export interface MediaDownloadJob {
  messageId: string;
}

/** Repeatable: re-enqueues webhooks and media whose jobs were lost. */
export type WebhookSweepJob = Record<string, never>;

export type QueueName = keyof JobPayloads;

export interface EnqueueOptions {
  /** dedupes while the job is still queued; must not contain ":" nor be an integer like "42" (BullMQ rules) */
  jobId?: string;
  /**
   * With `jobId`: a finished job of that id still kept by the queue (completed or failed jobs are kept a
   * while, and an add with their id is ignored) is removed first, so this one runs. One still waiting,
   * delayed or running is left alone. For sweepers re-enqueueing work whose job is gone or ended wrongly.
   */
  replaceFinished?: boolean;
  delayMs?: number;
  attempts?: number;
}

export interface JobQueue {
  enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], options?: EnqueueOptions): Promise<void>;
}

export interface JobContext {
  id: string;
  attempt: number;
}

export type JobHandler<Q extends QueueName> = (payload: JobPayloads[Q], job: JobContext) => Promise<void>;

export interface ProcessOptions {
  concurrency?: number;
}

/** Runs handlers for queues; BullMQ workers in production, the in-process queue in embedded mode. */
export interface JobProcessorHost {
  process<Q extends QueueName>(queue: Q, handler: JobHandler<Q>, options?: ProcessOptions): void;
  close(): Promise<void>;
}
