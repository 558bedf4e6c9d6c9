import type { DomainEvent } from "@crm/domain/shared/events";
import type { Logger } from "@crm/domain/shared/logger";

export type EventHandler = (event: DomainEvent) => void;

/** Calls every handler; one that throws (or returns a rejected promise) is logged and does not stop the rest. */
export function deliver(handlers: Iterable<EventHandler>, event: DomainEvent, logger?: Logger): void {
  for (const handler of handlers) {
    const logFailure = (err: unknown) =>
      logger?.error(
        { err, eventType: event.type, organizationId: event.organizationId },
        "event handler failed",
      );
    try {
      const result: unknown = handler(event);
      if (result instanceof Promise) result.catch(logFailure);
    } catch (err) {
      logFailure(err);
    }
  }
}

export function isDomainEvent(value: unknown): value is DomainEvent {
  if (typeof value !== "object" || value === null) return false;
  const { type, organizationId, occurredAt } = value as Record<string, unknown>;
  return typeof type === "string" && typeof organizationId === "string" && typeof occurredAt === "string";
}
