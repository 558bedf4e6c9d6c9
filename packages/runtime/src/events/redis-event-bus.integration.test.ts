import type { DomainEvent } from "@crm/domain/shared/events";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRecordingLogger } from "../testing/recording-logger";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { createRedisEventBus, type RedisEventBus } from "./redis-event-bus";

const url = redisTestUrl();

const dealMoved: DomainEvent = {
  type: "deal.moved",
  organizationId: "org-1",
  payload: { dealId: "deal-1", stageId: "won" },
  occurredAt: "2030-01-01T00:00:00.000Z",
};

describe.skipIf(!url)("Redis event bus", () => {
  const buses: RedisEventBus[] = [];
  const logger = createRecordingLogger();
  let channel = "";

  async function openBuses(count: number): Promise<RedisEventBus[]> {
    channel = uniqueTestPrefix("events");
    const opened = Array.from({ length: count }, () =>
      createRedisEventBus({ url: url ?? "", channel, logger }),
    );
    buses.push(...opened);
    await Promise.all(opened.map((bus) => bus.ready()));
    return opened;
  }

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it("delivers an event published on one instance to the subscribers of every instance", async () => {
    const [api1, api2] = await openBuses(2);
    const onApi1: DomainEvent[] = [];
    const onApi2: DomainEvent[] = [];
    api1?.subscribe((event) => onApi1.push(event));
    api2?.subscribe((event) => onApi2.push(event));

    await api1?.publish(dealMoved);

    await vi.waitFor(() => {
      expect(onApi2).toEqual([dealMoved]);
      expect(onApi1).toEqual([dealMoved]);
    });
  });

  it("keeps delivering to other handlers when one throws", async () => {
    const [publisher, subscriber] = await openBuses(2);
    const received: string[] = [];
    subscriber?.subscribe(() => {
      throw new Error("boom");
    });
    subscriber?.subscribe((event) => received.push(event.type));

    await publisher?.publish(dealMoved);
    await publisher?.publish({ ...dealMoved, type: "deal.won" });

    await vi.waitFor(() => expect(received).toEqual(["deal.moved", "deal.won"]));
    expect(logger.entries.filter((e) => e.msg === "event handler failed")).toHaveLength(2);
  });

  it("stops delivering to a handler that unsubscribed", async () => {
    const [publisher, subscriber] = await openBuses(2);
    const dropped: string[] = [];
    const kept: string[] = [];
    const unsubscribe = subscriber?.subscribe((event) => dropped.push(event.type));
    subscriber?.subscribe((event) => kept.push(event.type));
    unsubscribe?.();

    await publisher?.publish(dealMoved);

    await vi.waitFor(() => expect(kept).toEqual(["deal.moved"]));
    expect(dropped).toEqual([]);
  });

  it("ignores messages on the channel that are not domain events", async () => {
    const [bus] = await openBuses(1);
    const received: string[] = [];
    bus?.subscribe((event) => received.push(event.type));
    const raw = new Redis(url ?? "");

    await raw.publish(channel, "not json");
    await raw.publish(channel, JSON.stringify({ hello: "world" }));
    await bus?.publish(dealMoved);
    await raw.quit();

    await vi.waitFor(() => expect(received).toEqual(["deal.moved"]));
  });
});
