import type {
  Channel,
  IntegrationKind,
  SealedSecret,
  StoredChannelIntegration,
  StoredIntegration,
  WebhookLog,
} from "@crm/domain";
import type { Selectable } from "kysely";
import type { Integrations, WebhookLogs } from "../database.gen";

export const integrationColumns = [
  "id",
  "organization_id",
  "channel",
  "name",
  "is_active",
  "external_id",
  "config",
  "last_tested_at",
  "last_test_error",
  "created_at",
  "updated_at",
] as const;

type IntegrationRow = Pick<Selectable<Integrations>, (typeof integrationColumns)[number]>;

/** The sealed credentials stored in `integrations.config`, checked for shape. */
export function toSealedSecret(value: unknown): SealedSecret {
  const sealed = value as Partial<Record<keyof SealedSecret, unknown>> | null;
  if (
    sealed?.v === 1 &&
    typeof sealed.iv === "string" &&
    typeof sealed.tag === "string" &&
    typeof sealed.data === "string"
  ) {
    return { v: 1, iv: sealed.iv, tag: sealed.tag, data: sealed.data };
  }
  throw new Error("integrations.config does not hold sealed credentials");
}

export const toStoredIntegration = (row: IntegrationRow): StoredIntegration => ({
  id: row.id,
  organizationId: row.organization_id,
  // the repositories only select the kinds of integration the domain knows (not Trello)
  channel: row.channel as IntegrationKind,
  name: row.name,
  isActive: row.is_active,
  externalId: row.external_id,
  sealedConfig: toSealedSecret(row.config),
  lastTestedAt: row.last_tested_at,
  lastTestError: row.last_test_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** For the queries that select messaging channels only. */
export const toStoredChannelIntegration = (row: IntegrationRow): StoredChannelIntegration => ({
  ...toStoredIntegration(row),
  channel: row.channel as Channel,
});

export const webhookLogColumns = [
  "id",
  "organization_id",
  "integration_id",
  "channel",
  "source",
  "event_id",
  "status",
  "attempts",
  "error_message",
  "payload",
  "created_at",
  "processed_at",
  "last_attempt_at",
] as const;

export const toWebhookLog = (
  row: Pick<Selectable<WebhookLogs>, (typeof webhookLogColumns)[number]>,
): WebhookLog => ({
  id: row.id,
  organizationId: row.organization_id,
  integrationId: row.integration_id,
  channel: row.channel as IntegrationKind,
  source: row.source,
  eventId: row.event_id,
  status: row.status,
  attempts: row.attempts,
  errorMessage: row.error_message,
  payload: row.payload,
  createdAt: row.created_at,
  processedAt: row.processed_at,
  lastAttemptAt: row.last_attempt_at,
});
