import type { ConversationReadRepository } from "@crm/domain/realtime/ports";

export interface UnreadBatcher {
  /**
   * The user's unread count in the conversation as of the event `eventKey`. Every connection of this replica
   * that delivers the same event shares the answer: one query for the users asking in the same turn of the
   * event loop, remembered for the connections that get to the event later.
   */
  get(organizationId: string, conversationId: string, userId: string, eventKey: string): Promise<number>;
}

interface Batch {
  userIds: Set<string>;
  /** Set when the query starts: later users go to a new batch. */
  started: boolean;
  result: Promise<Map<string, number>>;
}

export function createUnreadBatcher(
  reads: Pick<ConversationReadRepository, "unreadByUser">,
  options: { rememberMs?: number } = {},
): UnreadBatcher {
  const rememberMs = options.rememberMs ?? 10_000;
  /** Per event, the batches asked so far; forgotten after `rememberMs`. */
  const batches = new Map<string, Batch[]>();

  function newBatch(key: string, organizationId: string, conversationId: string): Batch {
    const batch: Batch = { userIds: new Set(), started: false, result: Promise.resolve(new Map()) };
    batch.result = new Promise<Map<string, number>>((resolve, reject) => {
      setImmediate(() => {
        batch.started = true;
        reads.unreadByUser(organizationId, conversationId, [...batch.userIds]).then(resolve, reject);
      });
    });
    // a failed query is not remembered: the next connection asks again
    batch.result.catch(() => {
      const current = batches.get(key);
      if (current)
        batches.set(
          key,
          current.filter((other) => other !== batch),
        );
    });
    const list = batches.get(key);
    if (list) {
      list.push(batch);
    } else {
      batches.set(key, [batch]);
      setTimeout(() => batches.delete(key), rememberMs).unref();
    }
    return batch;
  }

  return {
    async get(organizationId, conversationId, userId, eventKey) {
      const key = `${organizationId}:${conversationId}:${eventKey}`;
      const list = batches.get(key) ?? [];
      let batch = list.find((candidate) => candidate.userIds.has(userId));
      if (!batch) {
        const last = list.at(-1);
        batch = last && !last.started ? last : newBatch(key, organizationId, conversationId);
        batch.userIds.add(userId);
      }
      return (await batch.result).get(userId) ?? 0;
    },
  };
}
