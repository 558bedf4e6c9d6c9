import type { Integration, IntegrationKind, IntegrationTestResult, WebhookLog } from "@crm/domain";

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/** WhatsApp names the phone number in its payload; the others (payment providers too) are told which integration in the URL. */
export const webhookUrlOf = (publicUrl: string, channel: IntegrationKind, integrationId: string): string =>
  channel === "whatsapp"
    ? `${publicUrl}/webhooks/whatsapp`
    : `${publicUrl}/webhooks/${channel}/${integrationId}`;

export const toIntegrationDto = (integration: Integration, publicUrl: string) => ({
  id: integration.id,
  channel: integration.channel,
  name: integration.name,
  isActive: integration.isActive,
  config: integration.config,
  webhookUrl: webhookUrlOf(publicUrl, integration.channel, integration.id),
  externalId: integration.externalId,
  webhookConfigured: integration.webhookConfigured,
  lastTestedAt: isoOrNull(integration.lastTestedAt),
  lastTestError: integration.lastTestError,
  createdAt: iso(integration.createdAt),
  updatedAt: iso(integration.updatedAt),
});

export const toIntegrationTestDto = (result: IntegrationTestResult, publicUrl: string) => ({
  ok: result.ok,
  identity: result.identity,
  mode: result.mode,
  error: result.error,
  integration: toIntegrationDto(result.integration, publicUrl),
});

// Slack's legacy verification token, Discord's interaction token: credentials that ride inside payloads.
const sensitiveKey = /token|secret|password|signature/i;

export function redactPayload(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPayload);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      sensitiveKey.test(key) ? "[redacted]" : redactPayload(field),
    ]),
  );
}

export const toWebhookLogDto = (log: WebhookLog) => ({
  id: log.id,
  integrationId: log.integrationId,
  channel: log.channel,
  source: log.source,
  eventId: log.eventId,
  status: log.status,
  attempts: log.attempts,
  errorMessage: log.errorMessage,
  payload: redactPayload(log.payload),
  createdAt: iso(log.createdAt),
  processedAt: isoOrNull(log.processedAt),
  lastAttemptAt: isoOrNull(log.lastAttemptAt),
});
