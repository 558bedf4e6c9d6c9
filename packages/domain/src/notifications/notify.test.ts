import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../shared/events";
import type { NewNotification, UserNotification } from "./model";
import { notifyFromEvent } from "./notify";
import type { Mentionable, NotificationsDeps, PrivateNote } from "./ports";

function fakeDeps(options: { note?: PrivateNote; members?: Mentionable[] } = {}) {
  const rows = new Map<string, UserNotification>();
  const published: DomainEvent[] = [];
  const deps: NotificationsDeps = {
    notifications: {
      async createOnce(organizationId, userId, sourceKey, notification: NewNotification) {
        const key = `${organizationId}:${userId}:${sourceKey}`;
        if (rows.has(key)) return undefined;
        const row = {
          id: `n${rows.size + 1}`,
          organizationId,
          userId,
          readAt: null,
          createdAt: new Date("2030-01-01T00:00:00Z"),
          actor: null,
          contact: null,
          ...notification,
        } as UserNotification;
        rows.set(key, row);
        return row;
      },
      list: async () => ({ items: [], nextCursor: null }),
      markRead: async () => 0,
      countUnread: async () => 0,
    },
    mentions: {
      findPrivateNote: async () => options.note,
      listMembers: async () => options.members ?? [],
    },
    events: {
      publish: async (event) => {
        published.push(event);
      },
      subscribe: () => () => {},
      close: async () => {},
    },
    clock: { now: () => new Date("2030-01-01T00:00:00Z") },
  };
  return { deps, rows, published };
}

const assigned: DomainEvent = {
  type: "conversation_assigned",
  organizationId: "org",
  payload: { conversationId: "c1", assignedTo: "u-agent", previousAssignee: null },
  occurredAt: "2030-01-01T00:00:00.000Z",
};

describe("notifications from events", () => {
  it("notifies the new assignee once per assignment event, even when the event is handled twice", async () => {
    const { deps, rows, published } = fakeDeps();
    await notifyFromEvent(deps, assigned);
    await notifyFromEvent(deps, assigned);
    expect([...rows.values()].map((n) => [n.userId, n.type])).toEqual([["u-agent", "assignment"]]);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      type: "notification",
      payload: { userId: "u-agent", type: "assignment" },
    });
  });

  it("says who assigned it, and does not tell members who assigned themselves", async () => {
    const { deps, rows } = fakeDeps();
    await notifyFromEvent(deps, {
      ...assigned,
      payload: { conversationId: "c1", assignedTo: "u-agent", previousAssignee: null, assignedBy: "u-admin" },
    });
    expect([...rows.values()].map((n) => n.data)).toEqual([
      { conversationId: "c1", previousAssignee: null, assignedBy: "u-admin" },
    ]);
    await notifyFromEvent(deps, {
      ...assigned,
      occurredAt: "2030-01-01T00:01:00.000Z",
      payload: { conversationId: "c1", assignedTo: "u-agent", previousAssignee: null, assignedBy: "u-agent" },
    });
    expect(rows.size).toBe(1);
  });

  it("does not notify an unassignment", async () => {
    const { deps, rows } = fakeDeps();
    await notifyFromEvent(deps, {
      ...assigned,
      payload: { conversationId: "c1", assignedTo: null, previousAssignee: "u" },
    });
    expect(rows.size).toBe(0);
  });

  it("notifies the users a private note mentions, except its author and agents who may not see the conversation", async () => {
    const members: Mentionable[] = [
      { id: "u-author", name: "Alice", email: "alice@x.com", role: "agent" },
      { id: "u-admin", name: "Bob", email: "bob@x.com", role: "admin" },
      { id: "u-agent", name: "Carol", email: "carol@x.com", role: "agent" },
      { id: "u-other-agent", name: "Dan", email: "dan@x.com", role: "agent" },
    ];
    const note: PrivateNote = {
      conversationId: "c1",
      assignedTo: "u-agent",
      content: "@Alice @Bob @carol@x.com @Dan look",
      senderId: "u-author",
    };
    const { deps, rows } = fakeDeps({ note, members });
    const event: DomainEvent = {
      type: "new_message",
      organizationId: "org",
      payload: { conversationId: "c1", messageId: "m1", direction: "outbound", isPrivate: true },
      occurredAt: "2030-01-01T00:00:00.000Z",
    };
    await notifyFromEvent(deps, event);
    await notifyFromEvent(deps, event);
    expect([...rows.values()].map((n) => n.userId)).toEqual(["u-admin", "u-agent"]);
    expect([...rows.values()][0]?.data).toMatchObject({ messageId: "m1", authorId: "u-author" });
  });

  it("reaches a member by first name or without accents, and nobody by a first name two members share", async () => {
    const members: Mentionable[] = [
      { id: "u-carlos", name: "Carlos Pereira", email: "carlos@x.com", role: "admin" },
      { id: "u-julia", name: "Júlia Araújo", email: "julia@x.com", role: "admin" },
      { id: "u-ana-1", name: "Ana Souza", email: "ana1@x.com", role: "admin" },
      { id: "u-ana-2", name: "Ana Lima", email: "ana2@x.com", role: "admin" },
    ];
    const note: PrivateNote = {
      conversationId: "c1",
      assignedTo: null,
      content: "@carlos and @Julia Araujo, also @Ana",
      senderId: null,
    };
    const { deps, rows } = fakeDeps({ note, members });
    await notifyFromEvent(deps, {
      type: "new_message",
      organizationId: "org",
      payload: { conversationId: "c1", messageId: "m1", direction: "outbound", isPrivate: true },
      occurredAt: "2030-01-01T00:00:00.000Z",
    });
    expect([...rows.values()].map((n) => n.userId)).toEqual(["u-carlos", "u-julia"]);
  });

  it("ignores messages that are not private notes", async () => {
    const { deps, rows } = fakeDeps({
      note: { conversationId: "c1", assignedTo: null, content: "@Bob", senderId: null },
      members: [{ id: "u-admin", name: "Bob", email: "bob@x.com", role: "admin" }],
    });
    await notifyFromEvent(deps, {
      type: "new_message",
      organizationId: "org",
      payload: { conversationId: "c1", messageId: "m1", direction: "inbound", isPrivate: false },
      occurredAt: "2030-01-01T00:00:00.000Z",
    });
    expect(rows.size).toBe(0);
  });
});
