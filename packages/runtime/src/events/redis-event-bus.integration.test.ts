import type { DomainEvent } from "@crm/domain/shared/events";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { createRecordingLogger } from "../testing/recording-logger";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { startTcpProxy } from "../testing/tcp-proxy";
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

  it("finds a subscriber connection that went silent by its heartbeat and hears the channel again", async () => {
    const [publisher] = await openBuses(1);
    const proxy = await startTcpProxy(url ?? "");
    onTestFinished(() => proxy.close());
    const listener = createRedisEventBus({
      url: proxy.url,
      channel,
      logger,
      heartbeat: { intervalMs: 50, timeoutMs: 200 },
    });
    buses.push(listener);
    await listener.ready();
    const heard: string[] = [];
    listener.subscribe((event) => heard.push(event.type));
    await publisher?.publish(dealMoved);
    await vi.waitFor(() => expect(heard).toEqual(["deal.moved"]));

    // open but carrying nothing, and nobody closes it: without the PING it would stay deaf
    proxy.blackHole("crm-events-sub");
    await vi.waitFor(
      async () => {
        await publisher?.publish({ ...dealMoved, type: "deal.won" });
        expect(heard).toContain("deal.won");
      },
      { timeout: 10_000, interval: 100 },
    );
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

/** The same Redis server, another database index: what a second deployment sharing the server would use. */
function onDatabase(redisUrl: string, index: number): string {
  const withIndex = new URL(redisUrl);
  withIndex.pathname = `/${index}`;
  return withIndex.toString();
}

describe.skipIf(!url)("Redis event bus between deployments sharing one Redis server", () => {
  const buses: RedisEventBus[] = [];
  const logger = createRecordingLogger();
  const channel = uniqueTestPrefix("deployments");
  const marker: DomainEvent = { ...dealMoved, type: "marker" };

  async function open(database: number, channelPrefix?: string): Promise<RedisEventBus> {
    const bus = createRedisEventBus({ url: onDatabase(url ?? "", database), channel, channelPrefix, logger });
    buses.push(bus);
    await bus.ready();
    return bus;
  }

  function record(bus: RedisEventBus): string[] {
    const received: string[] = [];
    bus.subscribe((event) => received.push(event.type));
    return received;
  }

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it("does not deliver an event to a deployment on another database index", async () => {
    const [production, staging] = [await open(5), await open(6)];
    const onProduction = record(production);
    const onStaging = record(staging);

    await production.publish(dealMoved);
    // Redis queues messages to one subscriber in publish order: had staging been sent the first, it would be here
    await staging.publish(marker);

    await vi.waitFor(() => expect(onStaging).toContain("marker"));
    expect(onStaging).toEqual(["marker"]);
    await vi.waitFor(() => expect(onProduction).toEqual(["deal.moved"]));
  });

  it("delivers between replicas of one deployment on the same database index", async () => {
    const [replica1, replica2] = [await open(5), await open(5)];
    const onReplica2 = record(replica2);

    await replica1.publish(dealMoved);

    await vi.waitFor(() => expect(onReplica2).toEqual(["deal.moved"]));
  });

  it("sets apart deployments on one database index by REDIS_CHANNEL_PREFIX", async () => {
    const [blue, blueReplica, green] = [await open(5, "blue"), await open(5, "blue"), await open(5, "green")];
    const onBlueReplica = record(blueReplica);
    const onGreen = record(green);

    await blue.publish(dealMoved);
    await green.publish(marker);

    await vi.waitFor(() => expect(onGreen).toContain("marker"));
    expect(onGreen).toEqual(["marker"]);
    await vi.waitFor(() => expect(onBlueReplica).toEqual(["deal.moved"]));
  });

  it("keeps database 0's channel unprefixed, so replicas of an earlier release and new ones hear each other", async () => {
    const bus = await open(0);
    const received = record(bus);
    const earlierRelease = new Redis(url ?? "");

    await earlierRelease.publish(channel, JSON.stringify(dealMoved));
    await earlierRelease.quit();

    await vi.waitFor(() => expect(received).toEqual(["deal.moved"]));
  });
});
