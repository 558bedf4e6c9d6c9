import type { DomainEvent } from "@crm/domain/shared/events";
import { describe, expect, it } from "vitest";
import { createRecordingLogger } from "../testing/recording-logger";
import { createInProcessEventBus } from "./in-process-event-bus";

const dealMoved: DomainEvent = {
  type: "deal.moved",
  organizationId: "org-1",
  payload: { dealId: "deal-1", stageId: "won" },
  occurredAt: "2030-01-01T00:00:00.000Z",
};

function nextEvent(subscribe: (handler: (event: DomainEvent) => void) => () => void): Promise<DomainEvent> {
  return new Promise((resolve) => {
    const unsubscribe = subscribe((event) => {
      unsubscribe();
      resolve(event);
    });
  });
}

describe("in-process event bus", () => {
  it("delivers a JSON copy of each event to every subscriber after publish returns", async () => {
    const bus = createInProcessEventBus();
    const received: DomainEvent[] = [];
    bus.subscribe((event) => received.push(event));
    const second = nextEvent(bus.subscribe);

    await bus.publish(dealMoved);
    expect(received).toEqual([]);

    expect(await second).toEqual(dealMoved);
    expect(received).toEqual([dealMoved]);
    expect(received[0]).not.toBe(dealMoved);
    await bus.close();
  });

  it("stops delivering to a handler once it unsubscribed", async () => {
    const bus = createInProcessEventBus();
    const received: string[] = [];
    const unsubscribe = bus.subscribe((event) => received.push(event.type));
    unsubscribe();
    const delivered = nextEvent(bus.subscribe);

    await bus.publish(dealMoved);
    await delivered;

    expect(received).toEqual([]);
    await bus.close();
  });

  it("isolates a throwing handler from the others and logs it", async () => {
    const logger = createRecordingLogger();
    const bus = createInProcessEventBus({ logger });
    bus.subscribe(() => {
      throw new Error("boom");
    });
    bus.subscribe(async () => {
      throw new Error("async boom");
    });
    const delivered = nextEvent(bus.subscribe);

    await bus.publish(dealMoved);

    expect(await delivered).toEqual(dealMoved);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.entries.filter((entry) => entry.level === "error")).toHaveLength(2);
    await bus.close();
  });

  it("refuses to publish once closed", async () => {
    const bus = createInProcessEventBus();
    await bus.close();
    await expect(bus.publish(dealMoved)).rejects.toThrow("closed");
  });
});
