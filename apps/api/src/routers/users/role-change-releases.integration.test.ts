import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  type ConversationDto,
  insertConversation,
  type PageDto,
  recordEvents,
  team,
} from "../conversations/conversation-fixtures";

const api = useTestApi();

describe("changing a member's role to viewer", () => {
  it("releases their conversations to the queue, where the other agents see them, and tells the team", async () => {
    const { owner, organizationId, agent, otherAgent } = await team(api);
    const open = await insertConversation(api, organizationId, { assignedTo: agent.user.id });
    const closed = await insertConversation(api, organizationId, {
      assignedTo: agent.user.id,
      status: "closed",
    });
    const others = await insertConversation(api, organizationId, { assignedTo: otherAgent.user.id });
    const hidden = await api.rest<PageDto<ConversationDto>>("GET", "/conversations", {
      token: otherAgent.token,
    });
    expect(hidden.body.items.map((c) => c.id)).not.toContain(open);

    const recorder = recordEvents(api, organizationId, [
      "team_updated",
      "membership_changed",
      "conversation_updated",
      "conversation_assigned",
    ]);
    const res = await api.rest<{ role: string }>("PATCH", `/users/${agent.user.id}`, {
      token: owner.token,
      body: { role: "viewer" },
    });
    expect(res.status).toBe(200);
    await recorder.expectEvent("membership_changed", { userId: agent.user.id, role: "viewer" });
    await recorder.expectEvent("team_updated", { userId: agent.user.id, change: "updated" });
    // what puts each one in the other agents' open inboxes without a reload
    await recorder.expectEvent("conversation_updated", { conversationId: open, assignedTo: null });
    await recorder.expectEvent("conversation_assigned", {
      conversationId: open,
      assignedTo: null,
      previousAssignee: agent.user.id,
    });
    recorder.stop();

    const queue = await api.rest<PageDto<ConversationDto>>("GET", "/conversations?assignee=unassigned", {
      token: otherAgent.token,
    });
    expect(queue.body.items.map((c) => c.id)).toContain(open);
    // a closed one too: when the customer writes again it must not reopen assigned to a viewer
    expect(queue.body.items.map((c) => c.id)).toContain(closed);
    const kept = await api.rest<ConversationDto>("GET", `/conversations/${others}`, { token: owner.token });
    expect(kept.body.assignee?.id).toBe(otherAgent.user.id);
  });

  it("keeps the conversations of a member who can still answer them", async () => {
    const { owner, organizationId, agent } = await team(api);
    const mine = await insertConversation(api, organizationId, { assignedTo: agent.user.id });
    const res = await api.rest("PATCH", `/users/${agent.user.id}`, {
      token: owner.token,
      body: { role: "admin" },
    });
    expect(res.status).toBe(200);
    const after = await api.rest<ConversationDto>("GET", `/conversations/${mine}`, { token: owner.token });
    expect(after.body.assignee?.id).toBe(agent.user.id);
  });
});

describe("removing a member", () => {
  it("releases their conversations with the events that put them in the other agents' inboxes", async () => {
    const { owner, organizationId, agent, otherAgent } = await team(api);
    const open = await insertConversation(api, organizationId, { assignedTo: agent.user.id });
    const recorder = recordEvents(api, organizationId, ["conversation_updated", "conversation_assigned"]);
    const res = await api.rest("DELETE", `/users/${agent.user.id}`, { token: owner.token });
    expect(res.status).toBeLessThan(300);
    await recorder.expectEvent("conversation_updated", { conversationId: open, assignedTo: null });
    await recorder.expectEvent("conversation_assigned", {
      conversationId: open,
      assignedTo: null,
      previousAssignee: agent.user.id,
    });
    recorder.stop();
    const queue = await api.rest<PageDto<ConversationDto>>("GET", "/conversations?assignee=unassigned", {
      token: otherAgent.token,
    });
    expect(queue.body.items.map((c) => c.id)).toContain(open);
  });
});
