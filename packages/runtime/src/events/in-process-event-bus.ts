import type { DomainEvent, EventBus } from "@crm/domain/shared/events";
import type { Logger } from "@crm/domain/shared/logger";
import { deliver, type EventHandler } from "./deliver";

export interface InProcessEventBusOptions {
  logger?: Logger;
}

/**
 * Embedded-mode bus. Handlers run after `publish` returns and get a JSON copy of the event, exactly what they
 * would receive through Redis, so code that works here does not break in production.
 */
export function createInProcessEventBus(options: InProcessEventBusOptions = {}): EventBus {
  const handlers = new Set<EventHandler>();
  let closed = false;

  return {
    async publish(event: DomainEvent) {
      if (closed) throw new Error("The event bus is closed");
      const message = JSON.stringify(event);
      setImmediate(() => {
        const copy: DomainEvent = JSON.parse(message);
        deliver([...handlers], copy, options.logger);
      });
    },

    subscribe(handler) {
      // wrapped so the same function subscribed twice gets two independent subscriptions
      const entry: EventHandler = (event) => handler(event);
      handlers.add(entry);
      return () => {
        handlers.delete(entry);
      };
    },

    async close() {
      closed = true;
      handlers.clear();
    },
  };
}
