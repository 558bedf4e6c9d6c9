import { describe, expect, it } from "vitest";
import { messagePreview, recordInbound } from "./ingest-conversation";
import type { InboundConversation } from "./ingestion-ports";

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute));

const conversation = (overrides: Partial<InboundConversation> = {}): InboundConversation => ({
  id: "c1",
  integrationId: "i1",
  status: "open",
  assignedTo: null,
  snoozedUntil: null,
  lastMessageAt: at(10),
  lastInboundAt: at(10),
  unreadCount: 2,
  lastMessagePreview: "antes",
  ...overrides,
});

describe("a new inbound message in its conversation", () => {
  it("counts one more unread and becomes the last message when newer", () => {
    expect(recordInbound(conversation(), { text: "agora", contentType: "text", sentAt: at(11) })).toEqual({
      patch: { unreadCount: 3, lastMessageAt: at(11), lastMessagePreview: "agora", lastInboundAt: at(11) },
      reopened: false,
    });
  });

  it("counts an older message as unread without moving the last message", () => {
    expect(recordInbound(conversation(), { text: "atrasada", contentType: "text", sentAt: at(5) })).toEqual({
      patch: { unreadCount: 3 },
      reopened: false,
    });
  });

  it("fills the fields of a conversation just opened", () => {
    const opened = conversation({ lastMessageAt: null, lastInboundAt: null, unreadCount: 0 });
    expect(recordInbound(opened, { text: "", contentType: "audio", sentAt: at(1) }).patch).toEqual({
      unreadCount: 1,
      lastMessageAt: at(1),
      lastMessagePreview: "[audio]",
      lastInboundAt: at(1),
    });
  });

  it.each(["closed", "snoozed"] as const)("reopens a %s conversation", (status) => {
    const result = recordInbound(
      conversation({ status, snoozedUntil: status === "snoozed" ? at(60) : null }),
      {
        text: "oi",
        contentType: "text",
        sentAt: at(1),
      },
    );
    expect(result.reopened).toBe(true);
    expect(result.patch).toMatchObject({ status: "open", snoozedUntil: null });
  });

  it("leaves a pending conversation pending", () => {
    const result = recordInbound(conversation({ status: "pending" }), {
      text: "oi",
      contentType: "text",
      sentAt: at(11),
    });
    expect(result.reopened).toBe(false);
    expect(result.patch.status).toBeUndefined();
  });
});

describe("message preview", () => {
  it("folds whitespace and cuts long texts", () => {
    expect(messagePreview({ text: "  linha 1\n\nlinha 2 ", contentType: "text" })).toBe("linha 1 linha 2");
    const preview = messagePreview({ text: "a".repeat(300), contentType: "text" });
    expect(preview).toHaveLength(140);
    expect(preview.endsWith("…")).toBe(true);
  });
});
