import type { ConversationReadRepository } from "@crm/domain/realtime/ports";

interface Cached {
  assignedTo: string | null | undefined;
  expiresAt: number;
  version: number;
}

export interface AssigneeCache {
  /** The conversation's assignee now (null: unassigned), or undefined when it does not exist. */
  get(organizationId: string, conversationId: string): Promise<string | null | undefined>;
  /** What an assignment event says; later lookups in flight do not overwrite it. */
  remember(organizationId: string, conversationId: string, assignedTo: string | null): void;
}

/**
 * One lookup per conversation per replica for a burst of events, instead of one per connection. Assignment
 * events (delivered in order with the others) update it at once, and entries expire after `ttlMs`, so a
 * change made without an event is seen within that time.
 */
export function createAssigneeCache(
  reads: Pick<ConversationReadRepository, "findAccess">,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): AssigneeCache {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Cached>();
  const inFlight = new Map<string, Promise<string | null | undefined>>();
  let version = 0;

  function store(key: string, assignedTo: string | null | undefined, atVersion: number): void {
    if (cache.size >= maxEntries) cache.clear();
    cache.set(key, { assignedTo, expiresAt: now() + ttlMs, version: atVersion });
  }

  return {
    async get(organizationId, conversationId) {
      const key = `${organizationId}:${conversationId}`;
      const cached = cache.get(key);
      if (cached && cached.expiresAt > now()) return cached.assignedTo;
      let lookup = inFlight.get(key);
      if (!lookup) {
        const startedAt = version;
        lookup = reads
          .findAccess(organizationId, [conversationId])
          .then((found) => {
            const assignedTo = found.get(conversationId)?.assignedTo;
            const current = cache.get(key);
            if (!current || current.version <= startedAt) store(key, assignedTo, startedAt);
            return assignedTo;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, lookup);
      }
      const looked = await lookup;
      // an assignment event that arrived while the lookup ran is newer than what the lookup read
      const current = cache.get(key);
      return current && current.expiresAt > now() ? current.assignedTo : looked;
    },

    remember(organizationId, conversationId, assignedTo) {
      version += 1;
      store(`${organizationId}:${conversationId}`, assignedTo, version);
    },
  };
}
