import type { Channel, StoredChannelIntegration, WebhookIntakeDeps } from "@crm/domain";

/** How long a lookup is reused. Correctness does not depend on it: a cached copy is checked when storing. */
const ttlMs = 60_000;
const maxEntries = 10_000;

export interface CachedLookup {
  integrations: StoredChannelIntegration[];
  /** true when read from the cache: the intake must then store only if it still matches (`cached`). */
  cached: boolean;
}

export interface WebhookIntegrations {
  byExternalId(channel: Channel, externalId: string): Promise<CachedLookup>;
  byId(id: string): Promise<CachedLookup>;
  /** The integration as it is now, after a cached copy turned out stale. */
  fresh(id: string): Promise<StoredChannelIntegration | undefined>;
}

/**
 * Webhook routing without a query per webhook: active integrations found by phone number id or by id are
 * kept for a minute in this process. A cached copy only ever stores a webhook through
 * `insertIfCurrent` (same statement as the insert), and anything unusual (a signature that fails, an
 * inactive integration) is decided again on a fresh read, so a change is never missed.
 */
export function webhookIntegrations(store: WebhookIntakeDeps["store"]["integrations"]): WebhookIntegrations {
  const entries = new Map<string, { at: number; integrations: StoredChannelIntegration[] }>();

  async function lookup(key: string, load: () => Promise<StoredChannelIntegration[]>): Promise<CachedLookup> {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return { integrations: hit.integrations, cached: true };
    const integrations = await load();
    // unknown and inactive ones are never kept: creating or switching one on must take effect at once
    if (integrations.length > 0 && integrations.every((integration) => integration.isActive)) {
      if (entries.size >= maxEntries) entries.clear();
      entries.set(key, { at: now, integrations });
    } else {
      entries.delete(key);
    }
    return { integrations, cached: false };
  }

  return {
    byExternalId: (channel, externalId) =>
      lookup(`${channel}/${externalId}`, () => store.findByExternalId(channel, externalId)),
    byId: (id) =>
      lookup(`id/${id}`, async () => {
        const integration = await store.findByIdAnyOrganization(id);
        return integration ? [integration] : [];
      }),
    async fresh(id) {
      for (const [key, entry] of entries) {
        if (entry.integrations.some((integration) => integration.id === id)) entries.delete(key);
      }
      return store.findByIdAnyOrganization(id);
    },
  };
}
