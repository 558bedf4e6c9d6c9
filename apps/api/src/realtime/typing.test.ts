import type { DomainEvent, EventBus } from "@crm/domain/shared/events";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTypingIndicators } from "./typing";

const target = { conversationId: "c1", userId: "u1" };

/** Records what is published and delivers it to every subscriber, as the bus does between replicas. */
function recordingBus() {
  const published: DomainEvent[] = [];
  const handlers = new Set<(event: DomainEvent) => void>();
  const events: EventBus = {
    async publish(event) {
      published.push(event);
      for (const handler of handlers) handler(event);
    },
    subscribe: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close: async () => {},
  };
  const typingStates = () => published.map((e) => (e.payload as { isTyping: boolean }).isTyping);
  return { events, typingStates };
}

/** A replica's typing indicators: announced at most every 2 s, expiring after 5 s. */
const indicatorsOn = (bus: ReturnType<typeof recordingBus>) =>
  createTypingIndicators({
    events: bus.events,
    logger: createRecordingLogger(),
    throttleMs: 2_000,
    ttlMs: 5_000,
  });

describe("typing indicators", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-01-01T12:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("announces typing at most once per throttle window while the user keeps typing", async () => {
    const bus = recordingBus();
    const typing = indicatorsOn(bus);
    await typing.start("org", target);
    await vi.advanceTimersByTimeAsync(500);
    await typing.start("org", target);
    await vi.advanceTimersByTimeAsync(1_000);
    await typing.start("org", target);
    expect(bus.typingStates()).toEqual([true]);

    await vi.advanceTimersByTimeAsync(600);
    await typing.start("org", target);
    expect(bus.typingStates()).toEqual([true, true]);
    typing.close();
  });

  it("stops by itself once the user stopped typing for the TTL, and only then", async () => {
    const bus = recordingBus();
    const typing = indicatorsOn(bus);
    await typing.start("org", target);
    await vi.advanceTimersByTimeAsync(4_000);
    // typing again renews the TTL
    await typing.start("org", target);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(bus.typingStates()).toEqual([true, true]);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(bus.typingStates()).toEqual([true, true, false]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bus.typingStates()).toEqual([true, true, false]);
    typing.close();
  });

  it("announces a stop once, and none for a user who was not typing", async () => {
    const bus = recordingBus();
    const typing = createTypingIndicators({ events: bus.events, logger: createRecordingLogger() });
    await typing.stop("org", target);
    await typing.start("org", target);
    await typing.stop("org", target);
    await typing.stop("org", target);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bus.typingStates()).toEqual([true, false]);
    typing.close();
  });

  it("stops at once when the stop reaches another replica than the start, and that replica restarts unthrottled", async () => {
    const bus = recordingBus();
    const replicaA = indicatorsOn(bus);
    const replicaB = indicatorsOn(bus);
    await replicaA.start("org", target);
    await vi.advanceTimersByTimeAsync(500);
    await replicaB.stop("org", target);
    expect(bus.typingStates()).toEqual([true, false]);

    // A forgot the typing B stopped: no second stop at A's expiry, and a new start is announced at once
    await vi.advanceTimersByTimeAsync(6_000);
    expect(bus.typingStates()).toEqual([true, false]);
    await replicaA.start("org", target);
    expect(bus.typingStates()).toEqual([true, false, true]);

    // A stops it at its expiry; B, which saw that stop, announces no second one
    await vi.advanceTimersByTimeAsync(5_000);
    await replicaB.stop("org", target);
    expect(bus.typingStates()).toEqual([true, false, true, false]);
    replicaA.close();
    replicaB.close();
  });
});
