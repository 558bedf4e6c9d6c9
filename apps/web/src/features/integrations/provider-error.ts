import type { PlainMessageKey } from "../../i18n/translate";

/**
 * What a provider's refusal means, in the user's language: the provider answers in English (or its own words),
 * which the card shows only as a marked technical detail under this sentence.
 */
export function providerErrorReason(error: string): PlainMessageKey {
  // Telegram's setWebhook: "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
  if (/HTTPS URL must be provided/i.test(error)) return "integrations.providerError.httpsRequired";
  if (/\b(401|unauthorized|invalid (api )?(key|token)|authentication)\b/i.test(error))
    return "integrations.providerError.credentials";
  if (/^Webhook not registered\b/.test(error)) return "integrations.providerError.webhookNotRegistered";
  return "integrations.providerError.unknown";
}
