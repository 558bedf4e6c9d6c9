import { describe, expect, it } from "vitest";
import { noteMentions } from "./note-mentions";
import type { Mentionable, PrivateNote } from "./ports";

const members: Mentionable[] = [
  { id: "u-author", name: "Alice Ramos", email: "alice@x.com", role: "agent" },
  { id: "u-admin", name: "Bob Costa", email: "bob@x.com", role: "admin" },
  { id: "u-carol", name: "Carol Dias", email: "carol@x.com", role: "agent" },
  { id: "u-dan", name: "Dan Moura", email: "dan@x.com", role: "agent" },
  { id: "u-ana-1", name: "Ana Souza", email: "ana1@x.com", role: "admin" },
  { id: "u-ana-2", name: "Ana Lima", email: "ana2@x.com", role: "viewer" },
];

const note = (content: string, assignedTo: string | null = "u-carol"): PrivateNote => ({
  conversationId: "c1",
  assignedTo,
  content,
  senderId: "u-author",
});

describe("what a note's mentions did, for its author", () => {
  it("notifies who may see the conversation, and says who was left out and why", () => {
    expect(noteMentions(note("@bob @Carol and @dan, also @Ana"), members)).toEqual({
      notified: [
        { userId: "u-admin", name: "Bob Costa" },
        { userId: "u-carol", name: "Carol Dias" },
      ],
      notNotified: [
        {
          handle: "@dan",
          reason: "cannot_see_conversation",
          members: [{ userId: "u-dan", name: "Dan Moura" }],
        },
        {
          handle: "@Ana",
          reason: "ambiguous",
          members: [
            { userId: "u-ana-1", name: "Ana Souza" },
            { userId: "u-ana-2", name: "Ana Lima" },
          ],
        },
      ],
    });
  });

  it("lets every agent see an unassigned conversation", () => {
    const { notified, notNotified } = noteMentions(note("@dan @carol", null), members);
    expect(notified.map((m) => m.userId)).toEqual(["u-dan", "u-carol"]);
    expect(notNotified).toEqual([]);
  });

  it("says nothing about the author mentioning themself", () => {
    expect(noteMentions(note("@Alice note to self"), members)).toEqual({ notified: [], notNotified: [] });
  });
});
