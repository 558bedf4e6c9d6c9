import type { Actor } from "@crm/domain/auth/model";
import type {
  ConversationReadRepository,
  FeedInterruptions,
  RealtimeEntry,
  RealtimeFeed,
  Replay,
} from "@crm/domain/realtime/ports";
import { createInProcessRealtime } from "@crm/runtime/realtime/in-process-realtime";
import { describe, expect, it, vi } from "vitest";
import { realtimeEventStream } from "./event-stream";
import { createRealtimeHub } from "./hub";
import { readyResultsOf } from "./ready-results";

const owner: Actor = { kind: "user", userId: "u1", organizationId: "org", role: "owner", sessionId: "s" };
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The owner's stream from the hub, live only unless `lastEventId` says where to resume. */
const ownerStream = (
  hub: ReturnType<typeof createRealtimeHub>,
  options: Partial<Parameters<typeof realtimeEventStream>[0]> = {},
) =>
  realtimeEventStream({
    hub,
    actor: owner,
    lastEventId: null,
    signal: undefined,
    logger: silent,
    ...options,
  });
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
  stream: AsyncIterable<unknown>,
  count: number,
): Promise<Array<[string, { payload: { dealId?: string } }]>> {
  const out: Array<[string, { payload: { dealId?: string } }]> = [];
  for await (const item of stream) {
    out.push(item as [string, { payload: { dealId?: string } }]);
    if (out.length === count) break;
  }
  return out;
}

const membershipChanged = (userId: string, role: string | null) => ({
  type: "membership_changed",
  organizationId: "org",
  payload: { userId, role },
  occurredAt: "2030-01-01T00:00:00.000Z",
});

/** The stream's last event says why it ends, then it ends. */
async function expectSessionEnded(stream: AsyncIterator<unknown>, reason: string): Promise<void> {
  const { value } = await stream.next();
  expect((value as [string, unknown] | undefined)?.[1]).toMatchObject({
    type: "session_ended",
    payload: { reason },
  });
  expect(await stream.next()).toEqual({ value: undefined, done: true });
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
    const stream = ownerStream(hub, { lastEventId: entries[0]?.id });
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

  it("replays nothing to an actor whose credential was revoked since it was read", async () => {
    const realtime = createInProcessRealtime();
    const entries: RealtimeEntry[] = [];
    realtime.feed.subscribe((entry) => entries.push(entry));
    for (const n of [1, 2, 3]) await realtime.events.publish(dealUpdated(n));
    await vi.waitFor(() => expect(entries).toHaveLength(3));
    const hub = createRealtimeHub({ feed: realtime.feed, reads, logger: silent });
    const revalidate = vi.fn(async () => null);
    const stream = ownerStream(hub, {
      lastEventId: entries[0]?.id,
      revalidate,
      revocations: () => 1,
      revalidatedAfter: 0,
    });
    await expectSessionEnded(stream, "signed_out");
    expect(revalidate).toHaveBeenCalledTimes(1);
    hub.close();
    await realtime.close();
  });

  it("replays a conversation's event to an agent only if the conversation is still theirs", async () => {
    const realtime = createInProcessRealtime();
    const entries: RealtimeEntry[] = [];
    realtime.feed.subscribe((entry) => entries.push(entry));
    await realtime.events.publish(dealUpdated(1));
    const conversationId = "00000000-0000-4000-8000-0000000000c1";
    const agentId = "00000000-0000-4000-8000-0000000000a2";
    const ownerId = "00000000-0000-4000-8000-0000000000a1";
    // assigned to the agent, then (while the agent was away) taken back by the owner
    for (const assignedTo of [agentId, ownerId]) {
      await realtime.events.publish({
        type: "conversation_updated",
        organizationId: "org",
        payload: { conversationId, status: "open", assignedTo, lastMessageAt: null },
        occurredAt: "2030-01-01T00:00:00.000Z",
      });
    }
    await realtime.events.publish(dealUpdated(2));
    await vi.waitFor(() => expect(entries).toHaveLength(4));
    const hub = createRealtimeHub({ feed: realtime.feed, reads, logger: silent });
    hub.assignees.remember("org", conversationId, ownerId);
    const agent: Actor = { ...owner, userId: agentId, role: "agent" };

    const got = await collect(ownerStream(hub, { actor: agent, lastEventId: entries[0]?.id }), 1);

    expect(got.map(([, event]) => event.payload.dealId?.at(-1))).toEqual(["2"]);
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
    const stream = ownerStream(hub);
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

  it("tells the client to refetch, before any later event, when the replica stopped hearing events", async () => {
    const realtime = createInProcessRealtime();
    let feedInterruptions: FeedInterruptions | undefined;
    // the feed of a replica whose Redis connection drops: the in-process one never does
    const feed: RealtimeFeed = {
      subscribe(handler, interruptions) {
        feedInterruptions = interruptions;
        return realtime.feed.subscribe(handler);
      },
      since: (organizationId, afterId) => realtime.feed.since(organizationId, afterId),
    };
    const hub = createRealtimeHub({ feed, reads, logger: silent });
    const stream = ownerStream(hub);
    const next = async () => (await stream.next()).value as [string, { type: string }];
    await realtime.events.publish(dealUpdated(1));
    const first = await next();

    feedInterruptions?.interrupted();
    feedInterruptions?.resumed();
    await realtime.events.publish(dealUpdated(3));

    const resync = await next();
    // resuming from the last event sent: what followed is refetched, not lost
    expect(resync[0]).toBe(first[0]);
    expect(resync[1]).toMatchObject({ type: "resync_required", payload: { reason: "interrupted" } });
    expect((await next())[1]).toMatchObject({ type: "deal_updated" });
    hub.close();
    await realtime.close();
  });

  it("gives what is ready by polling, and tells a consumer that falls behind to resync", async () => {
    const realtime = createInProcessRealtime();
    const hub = createRealtimeHub({ feed: realtime.feed, reads, logger: silent });
    const stream = ownerStream(hub, { pendingLimit: 2 });
    const results = readyResultsOf(stream);
    let calls = 0;
    results?.onReady(() => {
      calls += 1;
    });
    // nothing to replay: it is ready at once, and says so for each entry that arrives
    await realtime.events.publish(dealUpdated(1));
    await vi.waitFor(() => expect(calls).toBe(1));
    const first = results?.poll() as [string, { payload: { dealId: string } }];
    expect(first[1].payload.dealId.at(-1)).toBe("1");
    expect(results?.poll()).toBeUndefined();
    // three more while nobody polls: the queue holds two, so the connection is told to resync from the last
    for (const n of [2, 3, 4]) await realtime.events.publish(dealUpdated(n));
    await vi.waitFor(() => expect(calls).toBe(4));
    const resync = results?.poll() as [string, { type: string; payload: unknown }];
    expect(resync[1]).toMatchObject({ type: "resync_required", payload: { reason: "overflow" } });
    expect(results?.poll()).toBeUndefined();
    expect(results?.ended()).toBe(false);
    await stream.return?.();
    expect(results?.ended()).toBe(true);
    hub.close();
    await realtime.close();
  });

  it("ends when the actor, re-read, may no longer listen", async () => {
    const realtime = createInProcessRealtime();
    const hub = createRealtimeHub({ feed: realtime.feed, reads, logger: silent });
    let revoked = false;
    const stream = ownerStream(hub, {
      revalidate: async (actor) => (revoked ? null : actor),
      revalidateMs: 0,
    });
    await realtime.events.publish(dealUpdated(1));
    expect(((await stream.next()).value as [string, { type: string }])[1].type).toBe("deal_updated");
    revoked = true;
    await realtime.events.publish(dealUpdated(2));
    await expectSessionEnded(stream, "signed_out");
    expect(hub.listenerCount()).toBe(0);
    hub.close();
    await realtime.close();
  });

  it("re-reads the actor at the next event after a credential revocation, not a minute later", async () => {
    const realtime = createInProcessRealtime();
    const hub = createRealtimeHub({ feed: realtime.feed, reads, logger: silent });
    let revocations = 0;
    let revoked = false;
    const revalidate = vi.fn(async (actor: Actor) => (revoked ? null : actor));
    const stream = ownerStream(hub, { revalidate, revocations: () => revocations });
    const dealOf = async () => {
      const { value } = await stream.next();
      return (value as [string, { payload: { dealId?: string } }] | undefined)?.[1].payload.dealId?.at(-1);
    };
    await realtime.events.publish(dealUpdated(1));
    expect(await dealOf()).toBe("1");
    revocations += 1; // someone else's session: this actor may still listen
    await realtime.events.publish(dealUpdated(2));
    expect(await dealOf()).toBe("2");
    expect(revalidate).toHaveBeenCalledTimes(1);

    revoked = true;
    await realtime.events.publish(dealUpdated(3));
    // not re-read: no revocation since, and the minute is not over
    expect(await dealOf()).toBe("3");
    revocations += 1;
    await realtime.events.publish(dealUpdated(4));
    await expectSessionEnded(stream, "signed_out");
    expect(revalidate).toHaveBeenCalledTimes(2);
    hub.close();
    await realtime.close();
  });

  it("re-reads the actor at once when its own membership changes, and ends saying why", async () => {
    const realtime = createInProcessRealtime();
    const hub = createRealtimeHub({ feed: realtime.feed, reads, logger: silent });
    let role: Actor["role"] | null = "owner";
    const revalidate = vi.fn(async (actor: Actor) => (role ? { ...actor, role } : null));
    const me = "00000000-0000-4000-8000-0000000000a1";
    const teammate = "00000000-0000-4000-8000-0000000000a2";
    const stream = ownerStream(hub, {
      actor: { ...owner, userId: me },
      revalidate,
      whyEnded: async () => "removed",
    });
    const next = async () => (await stream.next()).value as [string, { type: string }] | undefined;

    // a teammate's change is not theirs to hear, and re-reads nothing
    await realtime.events.publish(membershipChanged(teammate, "agent"));
    await realtime.events.publish(dealUpdated(1));
    expect((await next())?.[1].type).toBe("deal_updated");
    expect(revalidate).not.toHaveBeenCalled();

    // promoted: still listening under the new role, and told so
    role = "admin";
    await realtime.events.publish(membershipChanged(me, "admin"));
    expect((await next())?.[1]).toMatchObject({ type: "membership_changed", payload: { role: "admin" } });
    expect(revalidate).toHaveBeenCalledTimes(1);

    // removed: no revocation was heard here, the event itself makes the stream look
    role = null;
    await realtime.events.publish(membershipChanged(me, null));
    await expectSessionEnded(stream, "removed");
    expect(revalidate).toHaveBeenCalledTimes(2);
    hub.close();
    await realtime.close();
  });
});
