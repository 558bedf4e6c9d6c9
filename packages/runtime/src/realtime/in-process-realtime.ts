import { compareEntryIds, entryIdTime } from "@crm/domain/realtime/entry-id";
import { type RealtimeBus, type RealtimeEntry, replayWindowMs } from "@crm/domain/realtime/ports";
import type { DomainEvent, EventBus } from "@crm/domain/shared/events";
import type { Logger } from "@crm/domain/shared/logger";
import { createInProcessEventBus } from "../events/in-process-event-bus";
import { replayAfter } from "./replay-window";
import { RingBuffer } from "./ring-buffer";

export interface InProcessRealtimeOptions {
  logger?: Logger;
  /** Entries kept per organization (the oldest are dropped first); default 10,000. */
  capacity?: number;
  windowMs?: number;
  now?: () => number;
}

type FeedHandler = (entry: RealtimeEntry) => void;

/**
 * Embedded mode: one process, so the log is a ring buffer per organization and ids are assigned here, in the
 * same `<ms>-<seq>` form as Redis stream ids. Publishing appends once and then fans out.
 */
export function createInProcessRealtime(options: InProcessRealtimeOptions = {}): RealtimeBus {
  const { logger } = options;
  const capacity = options.capacity ?? 10_000;
  const windowMs = options.windowMs ?? replayWindowMs;
  const now = options.now ?? Date.now;
  const bus = createInProcessEventBus(logger ? { logger } : {});
  const feedHandlers = new Set<FeedHandler>();
  const logs = new Map<string, RingBuffer<RealtimeEntry>>();
  let lastMs = 0;
  let sequence = 0;
  let closed = false;

  function nextId(): string {
    const ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      sequence = 0;
    } else {
      sequence += 1;
    }
    return `${lastMs}-${sequence}`;
  }

  function logOf(organizationId: string): RingBuffer<RealtimeEntry> {
    let log = logs.get(organizationId);
    if (!log) {
      log = new RingBuffer<RealtimeEntry>(capacity);
      logs.set(organizationId, log);
    }
    return log;
  }

  const expired = (entry: RealtimeEntry) => entryIdTime(entry.id) < now() - windowMs;

  // handlers get a JSON copy after publish returns, as they would through Redis
  function fanOut(entry: RealtimeEntry): void {
    const message = JSON.stringify(entry);
    setImmediate(() => {
      for (const handler of [...feedHandlers]) {
        try {
          handler(JSON.parse(message) as RealtimeEntry);
        } catch (err) {
          logger?.error({ err, eventType: entry.event.type }, "realtime feed handler failed");
        }
      }
    });
  }

  const events: EventBus = {
    async publish(event: DomainEvent) {
      if (closed) throw new Error("The event bus is closed");
      const log = logOf(event.organizationId);
      log.dropWhile(expired);
      const entry: RealtimeEntry = { id: nextId(), event };
      log.push(entry);
      fanOut(entry);
      await bus.publish(event);
    },
    subscribe: (handler) => bus.subscribe(handler),
    close: () => bus.close(),
  };

  return {
    events,
    feed: {
      subscribe(handler) {
        const entry: FeedHandler = (value) => handler(value);
        feedHandlers.add(entry);
        return () => {
          feedHandlers.delete(entry);
        };
      },
      async since(organizationId, afterId) {
        const log = logs.get(organizationId);
        log?.dropWhile(expired);
        return replayAfter(log?.toArray() ?? [], afterId, now() - windowMs);
      },
      // a restart empties this log, but the recorder restarts with it: only what was in flight is lost
      async keptAfter(organizationId, afterId) {
        const log = logs.get(organizationId);
        log?.dropWhile(expired);
        const kept = log?.toArray() ?? [];
        const oldest = kept[0];
        const keptSince =
          oldest && kept.length >= capacity
            ? Math.max(entryIdTime(oldest.id), now() - windowMs)
            : now() - windowMs;
        return { entries: kept.filter((entry) => compareEntryIds(entry.id, afterId) > 0), keptSince };
      },
    },
    async close() {
      closed = true;
      feedHandlers.clear();
      logs.clear();
      await bus.close();
    },
  };
}
