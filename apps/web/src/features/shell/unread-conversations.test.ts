import type { RealtimeEvent } from "@crm/contracts/realtime/events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { badgeText, changesUnread, createUnreadRefresher } from "./unread-conversations";

const occurredAt = "2026-11-27T05:00:00.000Z";
const conversationId = "7b0f4f5e-3a36-4c3b-9d44-7b1f0b0a1c01";
const messageId = "7b0f4f5e-3a36-4c3b-9d44-7b1f0b0a1c02";

const inbound = {
  type: "new_message",
  occurredAt,
  payload: { conversationId, messageId, direction: "inbound", isPrivate: false, unread: 1 },
} as RealtimeEvent;
const outbound = {
  type: "new_message",
  occurredAt,
  payload: { conversationId, messageId, direction: "outbound", isPrivate: false },
} as RealtimeEvent;
const read = { type: "conversation_read", occurredAt, payload: { conversationId } } as RealtimeEvent;
const typing = {
  type: "user_typing",
  occurredAt,
  payload: { conversationId, userId: "u-2", name: "Ana", typing: true },
} as unknown as RealtimeEvent;
const dealUpdated = {
  type: "deal_updated",
  occurredAt,
  payload: { dealId: messageId },
} as unknown as RealtimeEvent;

describe("the unread conversations badge", () => {
  it("is hidden at 0 and says 99+ above 99", () => {
    expect(badgeText(0)).toBeUndefined();
    expect(badgeText(1)).toBe("1");
    expect(badgeText(99)).toBe("99");
    expect(badgeText(100)).toBe("99+");
  });

  it("follows the events that may change the user's unread conversations", () => {
    expect(changesUnread(inbound)).toBe(true);
    expect(changesUnread(read)).toBe(true);
    for (const type of [
      "conversation_updated",
      "conversation_assigned",
      "conversation_access_lost",
    ] as const) {
      expect(changesUnread({ type, occurredAt, payload: { conversationId } } as RealtimeEvent)).toBe(true);
    }
    expect(changesUnread({ type: "resync_required", occurredAt, payload: {} } as RealtimeEvent)).toBe(true);
    // our own replies, typing and deals leave it as it is
    expect(changesUnread(outbound)).toBe(false);
    expect(changesUnread(typing)).toBe(false);
    expect(changesUnread(dealUpdated)).toBe(false);
  });
});

describe("createUnreadRefresher", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reads the counts once for a burst of events, and again for the next burst", () => {
    const refresh = vi.fn();
    const refresher = createUnreadRefresher(refresh, 1000);
    for (let i = 0; i < 20; i++) refresher.push(i % 2 ? inbound : read);
    expect(refresh).not.toHaveBeenCalled();
    vi.runOnlyPendingTimers();
    expect(refresh).toHaveBeenCalledTimes(1);

    refresher.push(inbound);
    refresher.stale();
    vi.runOnlyPendingTimers();
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("ignores events that do not change the count, and nothing is read after it is disposed", () => {
    const refresh = vi.fn();
    const refresher = createUnreadRefresher(refresh, 1000);
    refresher.push(outbound);
    refresher.push(typing);
    vi.runOnlyPendingTimers();
    expect(refresh).not.toHaveBeenCalled();

    refresher.push(inbound);
    refresher.dispose();
    vi.runOnlyPendingTimers();
    expect(refresh).not.toHaveBeenCalled();
  });
});
