import type { ConversationReadRepository } from "@crm/domain/realtime/ports";

export interface UnreadBatcher {
  /**
   * The user's unread count in the conversation, for the event `eventKey`: every connection of this replica
   * that delivers the same event in the same turn of the event loop shares one query.
   */
  get(organizationId: string, conversationId: string, userId: string, eventKey: string): Promise<number>;
}

interface Batch {
  organizationId: string;
  conversationId: string;
  waiting: Map<string, Array<{ resolve(count: number): void; reject(error: unknown): void }>>;
}

export function createUnreadBatcher(reads: Pick<ConversationReadRepository, "unreadByUser">): UnreadBatcher {
  const batches = new Map<string, Batch>();

  async function flush(key: string): Promise<void> {
    const batch = batches.get(key);
    batches.delete(key);
    if (!batch) return;
    try {
      const counts = await reads.unreadByUser(batch.organizationId, batch.conversationId, [
        ...batch.waiting.keys(),
      ]);
      for (const [userId, waiters] of batch.waiting) {
        for (const waiter of waiters) waiter.resolve(counts.get(userId) ?? 0);
      }
    } catch (error) {
      for (const waiters of batch.waiting.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }

  return {
    get(organizationId, conversationId, userId, eventKey) {
      const key = `${organizationId}:${conversationId}:${eventKey}`;
      let batch = batches.get(key);
      if (!batch) {
        batch = { organizationId, conversationId, waiting: new Map() };
        batches.set(key, batch);
        setImmediate(() => void flush(key));
      }
      const waiting = batch.waiting;
      return new Promise<number>((resolve, reject) => {
        const waiters = waiting.get(userId) ?? [];
        waiters.push({ resolve, reject });
        waiting.set(userId, waiters);
      });
    },
  };
}
