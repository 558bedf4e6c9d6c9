import { compareEntryIds } from "@crm/domain/realtime/entry-id";
import type { RealtimeEntry } from "@crm/domain/realtime/ports";
import type { DomainEvent } from "@crm/domain/shared/events";
import { describe, expect, it, vi } from "vitest";
import { createInProcessRealtime } from "./in-process-realtime";

const event = (organizationId: string, n: number): DomainEvent => ({
  type: "deal_updated",
  organizationId,
  payload: { n },
  occurredAt: "2030-01-01T00:00:00.000Z",
});

describe("in-process realtime", () => {
  it("gives every published event an increasing id and delivers it to the feed and to domain handlers", async () => {
    const realtime = createInProcessRealtime();
    const entries: RealtimeEntry[] = [];
    const handled: DomainEvent[] = [];
    realtime.feed.subscribe((entry) => entries.push(entry));
    realtime.events.subscribe((e) => handled.push(e));
    for (const n of [1, 2, 3]) await realtime.events.publish(event("org-1", n));
    await vi.waitFor(() => expect(entries).toHaveLength(3));
    await vi.waitFor(() => expect(handled).toHaveLength(3));
    expect(entries.map((e) => e.event.payload)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(3);
    expect([...ids].sort(compareEntryIds)).toEqual(ids);
    await realtime.close();
  });

  it("replays what followed an id, of that organization only", async () => {
    let now = 1_000_000;
    const realtime = createInProcessRealtime({ now: () => now });
    const entries: RealtimeEntry[] = [];
    realtime.feed.subscribe((entry) => entries.push(entry));
    await realtime.events.publish(event("org-1", 1));
    await realtime.events.publish(event("org-2", 99));
    now += 1;
    await realtime.events.publish(event("org-1", 2));
    await realtime.events.publish(event("org-1", 3));
    await vi.waitFor(() => expect(entries).toHaveLength(4));
    const first = entries[0]?.id ?? "";

    const replay = await realtime.feed.since("org-1", first);
    expect(replay.kind).toBe("replay");
    if (replay.kind === "replay")
      expect(replay.entries.map((e) => e.event.payload)).toEqual([{ n: 2 }, { n: 3 }]);
    const latest = entries.at(-1)?.id ?? "";
    expect(await realtime.feed.since("org-1", latest)).toEqual({ kind: "replay", entries: [] });
    await realtime.close();
  });

  it("expires ids older than the window, unknown ids and ids dropped for capacity", async () => {
    let now = 1_000_000;
    const realtime = createInProcessRealtime({ now: () => now, windowMs: 60_000, capacity: 2 });
    const entries: RealtimeEntry[] = [];
    realtime.feed.subscribe((entry) => entries.push(entry));
    for (const n of [1, 2, 3]) await realtime.events.publish(event("org-1", n));
    await vi.waitFor(() => expect(entries).toHaveLength(3));
    const [dropped, kept] = entries.map((e) => e.id);

    expect(await realtime.feed.since("org-1", dropped ?? "")).toEqual({
      kind: "expired",
      latestId: entries[2]?.id,
    });
    expect((await realtime.feed.since("org-1", kept ?? "")).kind).toBe("replay");
    expect((await realtime.feed.since("org-1", "not-an-id")).kind).toBe("expired");
    expect((await realtime.feed.since("org-1", "999-0")).kind).toBe("expired");

    now += 60_001;
    expect(await realtime.feed.since("org-1", kept ?? "")).toEqual({ kind: "expired", latestId: null });
    await realtime.close();
  });

  it("keeps for a recorder whatever follows even an expired id, and says from when nothing was dropped", async () => {
    let now = 1_000_000;
    const realtime = createInProcessRealtime({ now: () => now, windowMs: 60_000, capacity: 2 });
    const payloads = async (afterId: string) => {
      const { entries, keptSince } = await realtime.feed.keptAfter("org-1", afterId);
      return { payloads: entries.map((entry) => entry.event.payload), keptSince };
    };
    await realtime.events.publish(event("org-1", 1));
    expect(await payloads("1-0")).toEqual({ payloads: [{ n: 1 }], keptSince: 940_000 });
    expect(await payloads(`${now}-0`)).toEqual({ payloads: [], keptSince: 940_000 });

    // full: what goes next goes for capacity, not age, so the log is complete only from its oldest entry
    now = 1_030_000;
    await realtime.events.publish(event("org-1", 2));
    expect(await payloads("1-0")).toEqual({ payloads: [{ n: 1 }, { n: 2 }], keptSince: 1_000_000 });
    now = 1_040_000;
    await realtime.events.publish(event("org-1", 3));
    expect(await payloads("1-0")).toEqual({ payloads: [{ n: 2 }, { n: 3 }], keptSince: 1_030_000 });

    now = 1_095_000;
    expect(await payloads("1-0")).toEqual({ payloads: [{ n: 3 }], keptSince: 1_035_000 });
    await realtime.close();
  });
});
