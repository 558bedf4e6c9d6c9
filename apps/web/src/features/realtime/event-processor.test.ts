import type { AppRouter } from "@crm/api/trpc/root";
import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import { InfiniteQueryObserver, QueryClient } from "@tanstack/react-query";
import { createTRPCClient } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Conversation, ConversationListItem, Message } from "../inbox/types";
import type { Page, Pages } from "./cache-updaters";
import { compareMessages } from "./cache-updaters";
import { createRealtimeProcessor, type RealtimeProcessor } from "./event-processor";
import { conversationFixture as conv, ids, messageFixture as msg } from "./fixtures";
import type { RealtimeDeps } from "./handle-event";

const at = (second: number) => `2026-11-25T10:30:${String(second).padStart(2, "0")}.000Z`;
const unreachable = () => Object.assign(new TypeError("Failed to fetch"), { data: undefined });

/** A fake API: what it stores, whether it answers, and every read made of it. */
function setup() {
  const server = {
    down: false,
    conversations: new Map<string, Conversation>([["a", conv({ id: "a" })]]),
    messages: [] as Message[],
    reads: [] as string[],
    /** Holds the thread's answer (computed when asked) until it resolves. */
    threadHeld: undefined as Promise<void> | undefined,
  };
  const answer = <T>(what: string, value: () => T): Promise<T> => {
    server.reads.push(what);
    return server.down ? Promise.reject(unreachable()) : Promise.resolve(value());
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });
  const trpc = createTRPCOptionsProxy<AppRouter>({
    client: createTRPCClient<AppRouter>({ links: [] }),
    queryClient,
  });
  const notFound = Object.assign(new Error("not found"), { data: { code: "NOT_FOUND" } });
  const deps: RealtimeDeps = {
    queryClient,
    trpc,
    userId: "me",
    fetchConversation: (id) =>
      answer(`conversation ${id}`, () => {
        const found = server.conversations.get(id);
        if (!found) throw notFound;
        return found;
      }),
    fetchMessage: (id) =>
      answer(`message ${id}`, () => {
        const found = server.messages.find((message) => message.id === id);
        if (!found) throw notFound;
        return found;
      }),
    fetchUnread: (id) => answer(`unread ${id}`, () => 0),
  };
  // The open thread and the inbox list, on screen (observed), read from the fake server.
  const threadKey = trpc.conversations.messages.infiniteQueryKey({ id: "a", limit: 30 });
  const listKey = trpc.conversations.list.infiniteQueryKey({ limit: 30 });
  const observe = <T>(queryKey: readonly unknown[], what: string, items: () => T[]) =>
    new InfiniteQueryObserver(queryClient, {
      queryKey,
      queryFn: async () => {
        const held = what.startsWith("thread") ? server.threadHeld : undefined;
        const page = await answer(what, (): Page<T> => ({ items: items(), nextCursor: null }));
        await held;
        return page;
      },
      initialPageParam: null as string | null,
      getNextPageParam: () => null,
    }).subscribe(() => {});
  const unsubscribe = [
    observe(threadKey, "thread a", () =>
      server.messages.filter((message) => message.conversationId === "a").sort(compareMessages),
    ),
    observe(listKey, "list", () =>
      [...server.conversations.values()].map((item) => ({ ...item, unread: 0 })),
    ),
  ];
  const arrive = (processor: RealtimeProcessor, id: string, second: number) => {
    server.messages.push(msg({ id, conversationId: "a", direction: "inbound", sentAt: at(second) }));
    const conversation = { ...conv({ id: "a" }), lastMessageAt: at(second), lastMessagePreview: id };
    server.conversations.set("a", conversation);
    processor.push(event("conversation_updated", { ...conversation, conversationId: "a", assignedTo: null }));
    processor.push(
      event("new_message", { conversationId: "a", messageId: id, direction: "inbound", isPrivate: false }),
    );
  };
  const thread = () => ids(queryClient.getQueryData<Pages<Message>>(threadKey))[0] ?? [];
  const list = () => queryClient.getQueryData<Pages<ConversationListItem>>(listKey)?.pages[0]?.items ?? [];
  const close = () => {
    for (const stop of unsubscribe) stop();
  };
  return { server, deps, arrive, thread, list, close, queryClient, threadKey };
}

const event = <T extends RealtimeEvent["type"]>(
  type: T,
  payload: Extract<RealtimeEvent, { type: T }>["payload"],
): RealtimeEvent => ({ type, occurredAt: at(0), payload }) as RealtimeEvent;

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const done of cleanup) done();
  cleanup = [];
});

function start(options: { retryDelayMs?: (attempt: number) => number } = {}) {
  const world = setup();
  const processor = createRealtimeProcessor(world.deps, { gatherMs: 0, retryDelayMs: () => 5, ...options });
  cleanup.push(() => processor.dispose(), world.close);
  return { ...world, processor };
}

describe("createRealtimeProcessor, when the server does not answer", () => {
  it("shows messages whose read failed once the server answers again, with no later event", async () => {
    const { server, processor, arrive, thread, list } = start();
    await vi.waitFor(() => expect(list()).toHaveLength(1));
    server.down = true;
    for (const [index, id] of ["m1", "m2", "m3"].entries()) arrive(processor, id, index + 1);
    await processor.idle();
    expect(thread()).toEqual([]);

    server.down = false;
    await vi.waitFor(() => expect(thread()).toEqual(["m3", "m2", "m1"]));
  });

  it("shows the missed messages with the next one, each once and in order, when the server is back", async () => {
    // no timer within the test: only the next event's success can bring the missed ones
    const { server, processor, arrive, thread, list } = start({ retryDelayMs: () => 60_000 });
    await vi.waitFor(() => expect(list()).toHaveLength(1));
    server.down = true;
    for (const [index, id] of ["m1", "m2", "m3", "m4", "m5"].entries()) arrive(processor, id, index + 1);
    await processor.idle();

    server.down = false;
    arrive(processor, "m6", 6);
    await processor.idle();
    expect(thread()).toEqual(["m6", "m5", "m4", "m3", "m2", "m1"]);
    expect(list()[0]).toMatchObject({ id: "a", lastMessagePreview: "m6" });
  });

  it("reads the open thread and the lists again once after a reconnect, not per event", async () => {
    const { server, processor, thread, list } = start();
    await vi.waitFor(() => expect(list()).toHaveLength(1));
    // missed while the socket was down, and not replayed
    server.messages.push(msg({ id: "m1", conversationId: "a", direction: "inbound", sentAt: at(1) }));
    server.reads.length = 0;

    processor.reconnected();
    await processor.idle();

    expect(thread()).toEqual(["m1"]);
    expect(server.reads.sort()).toEqual(["list", "thread a"]);
  });
});

describe("createRealtimeProcessor under a burst", () => {
  it("reads a conversation once for the events that arrived together, and its messages in the same tick", async () => {
    const { server, processor, arrive, thread, list } = start();
    await vi.waitFor(() => expect(list()).toHaveLength(1));
    server.reads.length = 0;

    for (let second = 1; second <= 10; second += 1) arrive(processor, `m${second}`, second);
    await processor.idle();

    expect(thread()).toEqual(["m10", "m9", "m8", "m7", "m6", "m5", "m4", "m3", "m2", "m1"]);
    expect(list()[0]).toMatchObject({ lastMessagePreview: "m10" });
    // the first event is applied at once; the 19 behind it, together
    expect(server.reads.filter((read) => read.startsWith("conversation"))).toHaveLength(2);
    expect(server.reads.filter((read) => read.startsWith("message"))).toHaveLength(10);
  });

  it("applies another conversation's events while one waits for the server, keeping each one's order", async () => {
    const { server, processor, deps, thread, list } = start();
    await vi.waitFor(() => expect(list()).toHaveLength(1));
    server.conversations.set("b", conv({ id: "b", lastMessageAt: at(9), lastMessagePreview: "b" }));
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fetchMessage = deps.fetchMessage;
    deps.fetchMessage = async (id) => {
      await slow;
      return fetchMessage(id);
    };
    server.messages.push(msg({ id: "m1", conversationId: "a", status: "pending", sentAt: at(1) }));
    processor.push(
      event("new_message", { conversationId: "a", messageId: "m1", direction: "outbound", isPrivate: false }),
    );
    processor.push(
      event("message_status", { conversationId: "a", messageId: "m1", status: "delivered", error: null }),
    );
    processor.push(
      event("conversation_assigned", { conversationId: "b", assignedTo: null, previousAssignee: null }),
    );

    await vi.waitFor(() => expect(list().map((item) => item.id)).toEqual(["b", "a"]));
    expect(thread()).toEqual([]);

    release();
    await processor.idle();
    // the status came after its message, and was applied after it
    const shown = deps.queryClient.getQueryData<Pages<Message>>(
      deps.trpc.conversations.messages.infiniteQueryKey({ id: "a", limit: 30 }),
    );
    expect(shown?.pages[0]?.items).toMatchObject([{ id: "m1", status: "delivered" }]);
  });
});

describe("createRealtimeProcessor while a screen is being read", () => {
  it("keeps a message that arrives while the open thread is being read, when the read answers without it", async () => {
    const { server, processor, arrive, thread, list, queryClient, threadKey } = start();
    await vi.waitFor(() => expect(list()).toHaveLength(1));
    await vi.waitFor(() => expect(queryClient.getQueryState(threadKey)?.status).toBe("success"));
    let release = () => {};
    server.threadHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    // asked before the message existed, answered after its event was applied
    void queryClient.invalidateQueries({ queryKey: threadKey });
    await vi.waitFor(() => expect(queryClient.getQueryState(threadKey)?.fetchStatus).toBe("fetching"));
    server.threadHeld = undefined;
    arrive(processor, "m1", 1);
    await processor.idle();
    release();

    await vi.waitFor(() => expect(queryClient.getQueryState(threadKey)?.fetchStatus).toBe("idle"));
    expect(thread()).toEqual(["m1"]);
  });
});
