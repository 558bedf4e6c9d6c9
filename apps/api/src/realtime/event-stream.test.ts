import type { Actor } from "@crm/domain/auth/model";
import type {
  ConversationReadRepository,
  RealtimeEntry,
  RealtimeFeed,
  Replay,
} from "@crm/domain/realtime/ports";
import { createInProcessRealtime } from "@crm/runtime/realtime/in-process-realtime";
import { describe, expect, it, vi } from "vitest";
import { realtimeEventStream } from "./event-stream";
import { createRealtimeHub } from "./hub";

const owner: Actor = { kind: "user", userId: "u1", organizationId: "org", role: "owner", sessionId: "s" };
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const reads: ConversationReadRepository = {
  findAccess: async () => new Map(),
  markRead: async () => {},
  unreadCounts: async () => [],
  unreadByUser: async () => new Map(),
};

const dealUpdated = (n: number) => ({
  type: "deal_updated",
  organizationId: "org",
  payload: {
    dealId: `00000000-0000-4000-8000-00000000000${n}`,
    pipelineId: "00000000-0000-4000-8000-000000000000",
    stage: "00000000-0000-4000-8000-000000000000",
    status: "open",
    changes: ["title"],
  },
  occurredAt: "2030-01-01T00:00:00.000Z",
});

async function collect(
  stream: AsyncGenerator<unknown>,
  count: number,
): Promise<Array<[string, { payload: { dealId?: string } }]>> {
  const out: Array<[string, { payload: { dealId?: string } }]> = [];
  for await (const item of stream) {
    out.push(item as [string, { payload: { dealId?: string } }]);
    if (out.length === count) break;
  }
  return out;
}

describe("a connection's event stream", () => {
  it("neither misses nor doubles the events published while its replay is being read", async () => {
    const realtime = createInProcessRealtime();
    const entries: RealtimeEntry[] = [];
    realtime.feed.subscribe((entry) => entries.push(entry));
    for (const n of [1, 2]) await realtime.events.publish(dealUpdated(n));
    await vi.waitFor(() => expect(entries).toHaveLength(2));

    // a slow replay: events 3 and 4 are published (and reach the hub live) while it is read
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const feed: RealtimeFeed = {
      subscribe: (handler) => realtime.feed.subscribe(handler),
      since: async (organizationId, afterId): Promise<Replay> => {
        await gate;
        return realtime.feed.since(organizationId, afterId);
      },
    };
    const hub = createRealtimeHub({ feed, reads, logger: silent });
    const stream = realtimeEventStream({
      hub,
      actor: owner,
      lastEventId: entries[0]?.id,
      signal: undefined,
      logger: silent,
    });
    // the stream listens before it reads the replay
    const received = collect(stream, 4);
    for (const n of [3, 4]) await realtime.events.publish(dealUpdated(n));
    await vi.waitFor(() => expect(entries).toHaveLength(4));
    release();
    await realtime.events.publish(dealUpdated(5));

    const got = await received;
    await vi.waitFor(() => expect(entries).toHaveLength(5));
    expect(got.map(([, event]) => event.payload.dealId?.at(-1))).toEqual(["2", "3", "4", "5"]);
    expect(got.map(([id]) => id)).toEqual(entries.slice(1).map((e) => e.id));
    hub.close();
    await realtime.close();
  });

  it("asks for each conversation_updated's unread count when it arrives, not one after the other when sent", async () => {
    const realtime = createInProcessRealtime();
    const asked: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowReads: ConversationReadRepository = {
      ...reads,
      unreadByUser: async (_organizationId, conversationId, userIds) => {
        asked.push(conversationId);
        await gate;
        return new Map(userIds.map((userId) => [userId, Number(conversationId.at(-1))]));
      },
    };
    const hub = createRealtimeHub({ feed: realtime.feed, reads: slowReads, logger: silent });
    const stream = realtimeEventStream({
      hub,
      actor: owner,
      lastEventId: null,
      signal: undefined,
      logger: silent,
    });
    const received = collect(stream, 3);
    for (const n of [1, 2, 3]) {
      await realtime.events.publish({
        type: "conversation_updated",
        organizationId: "org",
        payload: {
          conversationId: `00000000-0000-4000-8000-00000000000${n}`,
          status: "open",
          assignedTo: null,
          lastMessageAt: null,
        },
        occurredAt: "2030-01-01T00:00:00.000Z",
      });
    }
    // all three queries are out while the first is still unanswered
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    release();
    const got = (await received) as unknown as Array<[string, { payload: { unread: number } }]>;
    expect(got.map(([, event]) => event.payload.unread)).toEqual([1, 2, 3]);
    hub.close();
    await realtime.close();
  });
});
