import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/model";
import type { Role } from "../shared/permissions";
import { audienceOf, losesAccess, mayReceive, needsAssignee, withoutCarriedAssignee } from "./audience";

const user = (role: Role, userId = "u-me"): Actor => ({
  kind: "user",
  userId,
  organizationId: "org",
  role,
  sessionId: "s",
});
const apiKey = (role: Role): Actor => ({ kind: "apiKey", apiKeyId: "k", organizationId: "org", role });

const message = { type: "new_message", payload: { conversationId: "c1", messageId: "m1" } };

describe("realtime audience", () => {
  it("lets an agent receive conversation events only when the conversation is theirs or nobody's", () => {
    const audience = audienceOf(message);
    if (!audience) throw new Error("audience expected");
    expect(needsAssignee(audience)).toBe(true);
    expect(mayReceive(user("agent"), audience, "u-me")).toBe(true);
    expect(mayReceive(user("agent"), audience, null)).toBe(true);
    expect(mayReceive(user("agent"), audience, "u-other")).toBe(false);
    expect(mayReceive(user("agent"), audience, undefined)).toBe(false);
  });

  it("lets owners, admins and viewers receive every conversation event", () => {
    const audience = audienceOf(message);
    if (!audience) throw new Error("audience expected");
    for (const role of ["owner", "admin", "viewer"] as const) {
      expect(mayReceive(user(role), audience, "u-other")).toBe(true);
    }
  });

  it("treats an API key with the agent role as nobody: unassigned conversations only", () => {
    const audience = audienceOf(message);
    if (!audience) throw new Error("audience expected");
    expect(mayReceive(apiKey("agent"), audience, null)).toBe(true);
    expect(mayReceive(apiKey("agent"), audience, "u-me")).toBe(false);
  });

  it("takes the assignee an assignment event names", () => {
    const audience = audienceOf({
      type: "conversation_assigned",
      payload: { conversationId: "c1", assignedTo: "u-other", previousAssignee: "u-me" },
    });
    if (!audience) throw new Error("audience expected");
    expect(needsAssignee(audience)).toBe(false);
    expect(mayReceive(user("agent", "u-other"), audience)).toBe(true);
    expect(mayReceive(user("agent", "u-me"), audience)).toBe(false);
    expect(mayReceive(user("owner", "u-me"), audience)).toBe(true);
  });

  it("tells whoever a reassignment takes the conversation from that they lost it, and no one else", () => {
    const assigned = (previousAssignee: string | null, assignedTo: string | null, created?: boolean) => {
      const audience = audienceOf({
        type: "conversation_assigned",
        payload: { conversationId: "c1", assignedTo, previousAssignee, ...(created && { created }) },
      });
      if (!audience) throw new Error("audience expected");
      return audience;
    };
    // from the agent, and from nobody (every agent saw it): to someone else
    expect(losesAccess(user("agent", "u-me"), assigned("u-me", "u-other"))).toBe(true);
    expect(losesAccess(user("agent", "u-me"), assigned(null, "u-other"))).toBe(true);
    expect(losesAccess(apiKey("agent"), assigned(null, "u-other"))).toBe(true);
    // never theirs to see, still theirs to see, or seen by their role whoever has it
    expect(losesAccess(user("agent", "u-me"), assigned("u-third", "u-other"))).toBe(false);
    expect(losesAccess(user("agent", "u-me"), assigned("u-me", null))).toBe(false);
    expect(losesAccess(user("agent", "u-me"), assigned(null, "u-me"))).toBe(false);
    expect(losesAccess(user("admin", "u-me"), assigned("u-me", "u-other"))).toBe(false);
    // a conversation started with its assignee was never anyone else's
    expect(losesAccess(user("agent", "u-me"), assigned(null, "u-other", true))).toBe(false);
    // replayed, the assignee looked up now decides: given back to nobody since, nothing was lost
    const replayed = withoutCarriedAssignee(assigned(null, "u-other"));
    expect(needsAssignee(replayed)).toBe(true);
    expect(losesAccess(user("agent", "u-me"), replayed, null)).toBe(false);
    expect(losesAccess(user("agent", "u-me"), replayed, "u-other")).toBe(true);
  });

  it("tells no one of a conversation they lost through an event that is not a reassignment", () => {
    const audience = audienceOf({
      type: "conversation_updated",
      payload: { conversationId: "c1", status: "open", assignedTo: "u-other", lastMessageAt: null },
    });
    if (!audience) throw new Error("audience expected");
    expect(mayReceive(user("agent", "u-me"), audience)).toBe(false);
    expect(losesAccess(user("agent", "u-me"), audience)).toBe(false);
  });

  it("judges an inbound message by the assignee it carries, and looks it up for one that carries none", () => {
    const message = { conversationId: "c1", messageId: "m1", direction: "inbound", isPrivate: false };
    const carried = audienceOf({ type: "new_message", payload: { ...message, assignedTo: "u-other" } });
    if (!carried) throw new Error("audience expected");
    expect(needsAssignee(carried)).toBe(false);
    expect(mayReceive(user("agent", "u-me"), carried)).toBe(false);
    expect(mayReceive(user("agent", "u-other"), carried)).toBe(true);
    const plain = audienceOf({ type: "new_message", payload: message });
    if (!plain) throw new Error("audience expected");
    expect(needsAssignee(plain)).toBe(true);
  });

  it("does not tell a typist that they are typing", () => {
    const audience = audienceOf({
      type: "user_typing",
      payload: { conversationId: "c1", userId: "u-me", isTyping: true },
    });
    if (!audience) throw new Error("audience expected");
    expect(mayReceive(user("owner", "u-me"), audience, null)).toBe(false);
    expect(mayReceive(user("owner", "u-other"), audience, null)).toBe(true);
  });

  it("delivers a notification, and the news that some were read, to its user only", () => {
    for (const type of ["notification", "notifications_read"]) {
      const audience = audienceOf({ type, payload: { userId: "u-me" } });
      if (!audience) throw new Error(`audience expected for ${type}`);
      expect(mayReceive(user("viewer", "u-me"), audience)).toBe(true);
      expect(mayReceive(user("owner", "u-other"), audience)).toBe(false);
      expect(mayReceive(apiKey("owner"), audience)).toBe(false);
    }
  });

  it("delivers a user's read state and membership change to that user only", () => {
    for (const type of ["conversation_read", "membership_changed"]) {
      const audience = audienceOf({ type, payload: { userId: "u-me", conversationId: "c1" } });
      if (!audience) throw new Error(`audience expected for ${type}`);
      expect(audience).toEqual({ kind: "user", userId: "u-me" });
      expect(mayReceive(user("agent", "u-me"), audience)).toBe(true);
      expect(mayReceive(user("owner", "u-other"), audience)).toBe(false);
      expect(mayReceive(apiKey("owner"), audience)).toBe(false);
    }
  });

  it("names the ended session, or every session of its user, and no one else", () => {
    const signedIn = (userId: string, sessionId: string): Actor => ({
      kind: "user",
      userId,
      organizationId: "org",
      role: "owner",
      sessionId,
    });
    const mine = signedIn("u-me", "s-1");
    const myOtherBrowser = signedIn("u-me", "s-2");
    const one = audienceOf({ type: "session_ended", payload: { userId: "u-me", sessionId: "s-1" } });
    if (!one) throw new Error("audience expected");
    expect(one).toEqual({ kind: "session", userId: "u-me", sessionId: "s-1" });
    expect(mayReceive(mine, one)).toBe(true);
    expect(mayReceive(myOtherBrowser, one)).toBe(false);
    expect(mayReceive(signedIn("u-other", "s-1"), one)).toBe(false);
    expect(mayReceive(apiKey("owner"), one)).toBe(false);

    const all = audienceOf({ type: "session_ended", payload: { userId: "u-me", sessionId: null } });
    if (!all) throw new Error("audience expected");
    expect(all).toEqual({ kind: "session", userId: "u-me" });
    expect(mayReceive(mine, all)).toBe(true);
    expect(mayReceive(myOtherBrowser, all)).toBe(true);
    expect(mayReceive(signedIn("u-other", "s-3"), all)).toBe(false);
    expect(audienceOf({ type: "session_ended", payload: { sessionId: "s-1" } })).toBeUndefined();
  });

  it("delivers deal, contact, payment and organization events to every role", () => {
    for (const type of ["deal_updated", "contact_updated", "payment_status", "organization_updated"]) {
      const audience = audienceOf({ type, payload: {} });
      if (!audience) throw new Error(`audience expected for ${type}`);
      expect(mayReceive(user("viewer"), audience)).toBe(true);
    }
  });

  it("delivers nothing it does not know", () => {
    expect(audienceOf({ type: "contact_import_finished", payload: {} })).toBeUndefined();
    expect(audienceOf({ type: "new_message", payload: {} })).toBeUndefined();
    expect(audienceOf({ type: "notification", payload: null })).toBeUndefined();
  });
});
