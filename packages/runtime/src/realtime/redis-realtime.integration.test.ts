import { entryIdTime } from "@crm/domain/realtime/entry-id";
import type { RealtimeEntry } from "@crm/domain/realtime/ports";
import type { DomainEvent } from "@crm/domain/shared/events";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { createRedisEventBus } from "../events/redis-event-bus";
import { createRecordingLogger } from "../testing/recording-logger";
import { deleteKeysWithPrefix } from "../testing/redis-cleanup";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { startTcpProxy } from "../testing/tcp-proxy";
import { createRedisRealtime, type RedisRealtimeBus } from "./redis-realtime";

const url = redisTestUrl();

const event = (organizationId: string, n: number): DomainEvent => ({
  type: "deal_updated",
  organizationId,
  payload: { n, changes: [] },
  occurredAt: "2030-01-01T00:00:00.000Z",
});

describe.skipIf(!url)("Redis realtime", () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  const logger = createRecordingLogger();

  async function replicas(count: number, prefix: string, windowMs?: number): Promise<RedisRealtimeBus[]> {
    const buses = Array.from({ length: count }, () =>
      createRedisRealtime({ url: url ?? "", logger, prefix, ...(windowMs ? { windowMs } : {}) }),
    );
    opened.push(...buses);
    await Promise.all(buses.map((bus) => bus.ready()));
    return buses;
  }

  function record(bus: RedisRealtimeBus): RealtimeEntry[] {
    const entries: RealtimeEntry[] = [];
    bus.feed.subscribe((entry) => entries.push(entry));
    return entries;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((bus) => bus.close()));
  });

  it("appends each event once however many replicas hear it, and every replica sees it with the same id", async () => {
    const prefix = `${uniqueTestPrefix("realtime")}:`;
    const [a, b, c] = await replicas(3, prefix);
    if (!a || !b || !c) throw new Error("three replicas expected");
    const onB = record(b);
    const onC = record(c);
    for (const n of [1, 2, 3]) await a.events.publish(event("org-1", n));

    await vi.waitFor(() => expect(onC).toHaveLength(3));
    await vi.waitFor(() => expect(onB).toHaveLength(3));
    expect(onB.map((e) => e.id)).toEqual(onC.map((e) => e.id));
    expect(onB.map((e) => e.event)).toEqual([1, 2, 3].map((n) => event("org-1", n)));
    const redis = new Redis(url ?? "");
    expect(await redis.xlen(`${prefix}crm:realtime:stream:org-1`)).toBe(3);
    await redis.quit();
  });

  it("keeps the plain event channel: domain handlers get the event as published, without the log's id", async () => {
    const prefix = `${uniqueTestPrefix("realtime")}:`;
    const [a, b] = await replicas(2, prefix);
    const legacy = createRedisEventBus({ url: url ?? "", logger, channel: `${prefix}crm:events` });
    opened.push(legacy);
    await legacy.ready();
    const onB: DomainEvent[] = [];
    const onLegacy: DomainEvent[] = [];
    b?.events.subscribe((e) => onB.push(e));
    legacy.subscribe((e) => onLegacy.push(e));

    await a?.events.publish(event("org-1", 1));

    await vi.waitFor(() => expect(onB).toEqual([event("org-1", 1)]));
    await vi.waitFor(() => expect(onLegacy).toHaveLength(1));
    expect(onLegacy[0]).toMatchObject(event("org-1", 1));
  });

  it("appends an event published on a plain bus once, although every replica hears it", async () => {
    const prefix = `${uniqueTestPrefix("realtime")}:`;
    const [a, b, c] = await replicas(3, prefix);
    if (!a || !b || !c) throw new Error("three replicas expected");
    const onA = record(a);
    const onC = record(c);
    const legacy = createRedisEventBus({ url: url ?? "", logger, channel: `${prefix}crm:events` });
    opened.push(legacy);
    await legacy.ready();

    await legacy.publish(event("org-1", 7));

    await vi.waitFor(() => expect(onA).toHaveLength(1));
    await vi.waitFor(() => expect(onC).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onA).toHaveLength(1);
    const redis = new Redis(url ?? "");
    expect(await redis.xlen(`${prefix}crm:realtime:stream:org-1`)).toBe(1);
    await redis.quit();
  });

  it("replays after an id in order, and expires unknown or too old ids", async () => {
    const prefix = `${uniqueTestPrefix("realtime")}:`;
    const [a] = await replicas(1, prefix);
    if (!a) throw new Error("one replica expected");
    const seen = record(a);
    for (const n of [1, 2, 3, 4]) await a.events.publish(event("org-1", n));
    await a.events.publish(event("org-2", 5));
    await vi.waitFor(() => expect(seen).toHaveLength(5));
    const [first, , , last] = seen.map((e) => e.id);

    const replay = await a.feed.since("org-1", first ?? "");
    expect(replay.kind === "replay" && replay.entries.map((e) => e.event.payload)).toEqual([
      { n: 2, changes: [] },
      { n: 3, changes: [] },
      { n: 4, changes: [] },
    ]);
    expect(await a.feed.since("org-1", last ?? "")).toEqual({ kind: "replay", entries: [] });
    expect(await a.feed.since("org-1", "1-0")).toEqual({ kind: "expired", latestId: last });
    expect(await a.feed.since("org-1", "garbage")).toEqual({ kind: "expired", latestId: last });
    expect(await a.feed.since("org-3", first ?? "")).toEqual({ kind: "expired", latestId: null });
  });

  it("expires an id once it is older than the window", async () => {
    const prefix = `${uniqueTestPrefix("realtime")}:`;
    const [a] = await replicas(1, prefix, 300);
    if (!a) throw new Error("one replica expected");
    const seen = record(a);
    await a.events.publish(event("org-1", 1));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const id = seen[0]?.id ?? "";
    expect((await a.feed.since("org-1", id)).kind).toBe("replay");
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await a.feed.since("org-1", id)).kind).toBe("expired");
  });

  it("keeps for a recorder whatever follows even an expired id; a full stream is complete from its first entry", async () => {
    const prefix = `${uniqueTestPrefix("realtime")}:`;
    const a = createRedisRealtime({ url: url ?? "", logger, prefix, maxLen: 3 });
    opened.push(a);
    await a.ready();
    const seen = record(a);
    for (const n of [1, 2]) await a.events.publish(event("org-1", n));
    await vi.waitFor(() => expect(seen).toHaveLength(2));

    const kept = await a.feed.keptAfter("org-1", "1-0");
    expect(kept.entries).toEqual(seen);
    // not full: complete for the whole window (whose start Redis's clock sets)
    expect(kept.keptSince).toBeLessThan(entryIdTime(seen[0]?.id ?? ""));
    expect(await a.feed.keptAfter("org-1", seen[1]?.id ?? "")).toMatchObject({ entries: [] });

    await a.events.publish(event("org-1", 3));
    expect((await a.feed.keptAfter("org-1", "1-0")).keptSince).toBe(entryIdTime(seen[0]?.id ?? ""));
  });

  it("keeps the feed and the domain events of a deployment on another database index apart", async () => {
    const prefix = `${uniqueTestPrefix("realtime")}:`;
    const onDatabase = (index: number) => {
      const withIndex = new URL(url ?? "");
      withIndex.pathname = `/${index}`;
      return withIndex.toString();
    };
    onTestFinished(async () => {
      for (const index of [5, 6]) {
        const redis = new Redis(onDatabase(index));
        await deleteKeysWithPrefix(redis, prefix);
        await redis.quit();
      }
    });
    const [production, staging] = [5, 6].map((index) =>
      createRedisRealtime({ url: onDatabase(index), logger, prefix }),
    );
    if (!production || !staging) throw new Error("two deployments expected");
    opened.push(production, staging);
    await Promise.all([production.ready(), staging.ready()]);
    const stagingFeed = record(staging);
    const stagingDomain: DomainEvent[] = [];
    staging.events.subscribe((e) => stagingDomain.push(e));
    const productionFeed = record(production);
    const own = { n: 2, changes: [] };

    await production.events.publish(event("org-1", 1));
    // one subscriber connection gets messages in publish order: had staging been sent the first, it would be here
    await staging.events.publish(event("org-1", 2));

    await vi.waitFor(() => expect(stagingFeed.map((e) => e.event.payload)).toContainEqual(own));
    await vi.waitFor(() => expect(stagingDomain.map((e) => e.payload)).toContainEqual(own));
    expect(stagingFeed.map((e) => e.event.payload)).toEqual([own]);
    expect(stagingDomain.map((e) => e.payload)).toEqual([own]);
    await vi.waitFor(() =>
      expect(productionFeed.map((e) => e.event.payload)).toEqual([{ n: 1, changes: [] }]),
    );
  });

  it("tells feed subscribers when its connection drops, and that it listens again before any entry since", async () => {
    const prefix = `${uniqueTestPrefix("realtime")}:`;
    const proxy = await startTcpProxy(url ?? "");
    onTestFinished(() => proxy.close());
    const [api] = await replicas(1, prefix);
    const replica = createRedisRealtime({ url: proxy.url, logger, prefix });
    opened.push(replica);
    await replica.ready();
    const heard: Array<number | string> = [];
    replica.feed.subscribe((entry) => heard.push((entry.event.payload as { n: number }).n), {
      interrupted: () => heard.push("interrupted"),
      resumed: () => heard.push("resumed"),
    });
    await api?.events.publish(event("org-1", 1));
    await vi.waitFor(() => expect(heard).toEqual([1]));

    proxy.down();
    await vi.waitFor(() => expect(heard).toEqual([1, "interrupted"]));
    await api?.events.publish(event("org-1", 2));
    proxy.up();
    await vi.waitFor(() => expect(heard).toEqual([1, "interrupted", "resumed"]), { timeout: 10_000 });
    await api?.events.publish(event("org-1", 3));

    // the entry appended while interrupted is in the log, not on the feed
    await vi.waitFor(() => expect(heard).toEqual([1, "interrupted", "resumed", 3]));
    const kept = await replica.feed.keptAfter("org-1", "0-0");
    expect(kept.entries.map((entry) => (entry.event.payload as { n: number }).n)).toEqual([1, 2, 3]);
  });

  it("finds a subscriber connection that went silent by its heartbeat, reconnects it, and reports the gap", async () => {
    const prefix = `${uniqueTestPrefix("realtime")}:`;
    const proxy = await startTcpProxy(url ?? "");
    onTestFinished(() => proxy.close());
    const [api] = await replicas(1, prefix);
    const replica = createRedisRealtime({
      url: proxy.url,
      logger,
      prefix,
      heartbeat: { intervalMs: 50, timeoutMs: 200 },
    });
    opened.push(replica);
    await replica.ready();
    const heard: Array<number | string> = [];
    replica.feed.subscribe((entry) => heard.push((entry.event.payload as { n: number }).n), {
      interrupted: () => heard.push("interrupted"),
      resumed: () => heard.push("resumed"),
    });
    await api?.events.publish(event("org-1", 1));
    await vi.waitFor(() => expect(heard).toEqual([1]));

    // its subscriber's connection stays open but carries nothing, and nobody closes it: only the PING tells
    proxy.blackHole("crm-realtime-sub");
    await api?.events.publish(event("org-1", 2));
    await vi.waitFor(() => expect(heard).toEqual([1, "interrupted", "resumed"]), { timeout: 10_000 });
    await api?.events.publish(event("org-1", 3));

    await vi.waitFor(() => expect(heard).toEqual([1, "interrupted", "resumed", 3]));
    const kept = await replica.feed.keptAfter("org-1", "0-0");
    expect(kept.entries.map((entry) => (entry.event.payload as { n: number }).n)).toEqual([1, 2, 3]);
  });
});
