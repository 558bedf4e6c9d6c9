import { randomUUID } from "node:crypto";
import type { Database } from "@crm/db/database.gen";
import { createOutgoingWebhooksStore } from "@crm/db/outgoing-webhooks/outgoing-webhooks-store";
import type { CredentialCipher } from "@crm/domain/integrations/ports";
import type { DeliveryDeps } from "@crm/domain/outgoing-webhooks/ports";
import type { JobQueue } from "@crm/domain/shared/jobs";
import type { Logger } from "@crm/domain/shared/logger";
import type { Kysely } from "kysely";
import { createWebhookSender } from "./post-webhook";
import { privateAddressOf } from "./public-address";
import { webhookSigner } from "./webhook-signer";

/** 6 attempts over about an hour: now, then after 1, 5, 10, 20 and 30 minutes. */
export const defaultRetryDelaysMs = [60_000, 300_000, 600_000, 1_200_000, 1_800_000];

/** Failed attempts in a row (about two days of a dead endpoint at a few events an hour) before switching off. */
export const defaultDisableAfterFailures = 50;

export interface OutgoingWebhooksSettings {
  /** OUTGOING_WEBHOOKS_ALLOW_HTTP */
  allowHttp: boolean;
  /** OUTGOING_WEBHOOKS_ALLOW_PRIVATE */
  allowPrivate: boolean;
  /** OUTGOING_WEBHOOKS_RETRY_DELAYS_MS */
  retryDelaysMs?: readonly number[] | undefined;
  /** OUTGOING_WEBHOOKS_DISABLE_AFTER */
  disableAfterFailures?: number | undefined;
}

export function createOutgoingWebhooksDeps(options: {
  db: Kysely<Database>;
  cipher: CredentialCipher;
  queue: JobQueue;
  logger: Logger;
  settings: OutgoingWebhooksSettings;
}): DeliveryDeps {
  const { settings } = options;
  return {
    store: createOutgoingWebhooksStore(options.db),
    cipher: options.cipher,
    signer: webhookSigner,
    queue: options.queue,
    clock: { now: () => new Date() },
    newId: randomUUID,
    urlPolicy: {
      allowHttp: settings.allowHttp,
      privateAddressOf: settings.allowPrivate ? () => null : privateAddressOf,
    },
    sender: createWebhookSender({ allowHttp: settings.allowHttp, allowPrivate: settings.allowPrivate }),
    logger: options.logger,
    retryDelaysMs: settings.retryDelaysMs ?? defaultRetryDelaysMs,
    disableAfterFailures: settings.disableAfterFailures ?? defaultDisableAfterFailures,
  };
}
