import { readEnv } from "@crm/db/cli/env";
import { TRPCClientError } from "@trpc/client";
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { useTestApi } from "../../testing/harness";
import { waitForLockWaiter } from "../../testing/lock-waiter";
import {
  type ConversationDto,
  type ErrorDto,
  insertConversation,
  recordEvents,
  team as teamOf,
} from "./conversation-fixtures";

const api = useTestApi();

const team = () => teamOf(api);

const claim = (token: string, id: string) =>
  api.rest<ConversationDto & ErrorDto>("POST", `/conversations/${id}/claim`, { token, body: {} });
const release = (token: string, id: string) =>
  api.rest<ConversationDto & ErrorDto>("POST", `/conversations/${id}/release`, { token, body: {} });

/** How a tRPC call ended: "OK" or its error code, with the error's message. */
async function trpcAnswer(call: Promise<unknown>): Promise<{ code: string; message?: string }> {
  try {
    await call;
    return { code: "OK" };
  } catch (error) {
    if (error instanceof TRPCClientError) return { code: String(error.data?.code), message: error.message };
    throw error;
  }
}

const trpcCode = async (call: Promise<unknown>) => (await trpcAnswer(call)).code;

describe("an agent claiming a conversation", () => {
  it("claims an unassigned one over REST and releases it over tRPC, announced as any assignment", async () => {
    const { organizationId, owner, agent } = await team();
    const conversationId = await insertConversation(api, organizationId);
    const recorder = recordEvents(api, organizationId, ["conversation_assigned", "conversation_updated"]);

    const claimed = await claim(agent.token, conversationId);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body.assignee).toEqual({ id: agent.user.id, name: "A agent" });
    await recorder.expectEvent("conversation_assigned", {
      conversationId,
      assignedTo: agent.user.id,
      previousAssignee: null,
      assignedBy: agent.user.id,
    });
    await recorder.expectEvent("conversation_updated", { conversationId, assignedTo: agent.user.id });
    // taking it herself notifies nobody: an owner's assignment after it is her only notification
    const assignedByOwner = await insertConversation(api, organizationId);
    await api
      .trpc(owner.token)
      .conversations.update.mutate({ id: assignedByOwner, assignedTo: agent.user.id });
    await vi.waitFor(async () => {
      const notifications = await api.trpc(agent.token).notifications.list.query({});
      expect(notifications.items.map((n) => n.data)).toEqual([
        expect.objectContaining({ conversationId: assignedByOwner }),
      ]);
    });

    // already hers: answered as it is, nothing announced again
    const again = await claim(agent.token, conversationId);
    expect(again.status).toBe(200);
    expect(again.body.assignee?.id).toBe(agent.user.id);
    expect(
      recorder.events.filter(
        (e) =>
          e.type === "conversation_assigned" &&
          (e.payload as { conversationId?: string }).conversationId === conversationId,
      ),
    ).toHaveLength(1);

    const released = await api.trpc(agent.token).conversations.release.mutate({ id: conversationId });
    expect(released.assignee).toBeNull();
    await recorder.expectEvent("conversation_assigned", {
      conversationId,
      assignedTo: null,
      previousAssignee: agent.user.id,
      assignedBy: agent.user.id,
    });
    const claimedOverTrpc = await api.trpc(agent.token).conversations.claim.mutate({ id: conversationId });
    expect(claimedOverTrpc.assignee?.id).toBe(agent.user.id);
    recorder.stop();
  });

  it("refuses with 403 to assign anybody, naming what an agent may do instead", async () => {
    const { organizationId, agent, otherAgent } = await team();
    const unassigned = await insertConversation(api, organizationId);
    const hers = await insertConversation(api, organizationId, { assignedTo: agent.user.id });

    for (const [id, assignedTo] of [
      [unassigned, otherAgent.user.id],
      [unassigned, agent.user.id],
      [hers, otherAgent.user.id],
      [hers, null],
    ] as const) {
      const res = await api.rest<ErrorDto>("PATCH", `/conversations/${id}`, {
        token: agent.token,
        body: { assignedTo },
      });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe(
        "Your role (agent) cannot assign conversations (conversations:assign): you may only claim an " +
          "unassigned conversation for yourself, or release one assigned to you",
      );
    }
    expect(
      await trpcCode(
        api.trpc(agent.token).conversations.update.mutate({ id: unassigned, assignedTo: otherAgent.user.id }),
      ),
    ).toBe("FORBIDDEN");
    const after = await api.rest<ConversationDto>("GET", `/conversations/${hers}`, { token: agent.token });
    expect(after.body.assignee?.id).toBe(agent.user.id);
  });

  it("refuses viewers and API keys, who are nobody to assign", async () => {
    const { owner, organizationId, viewer } = await team();
    const conversationId = await insertConversation(api, organizationId);
    expect((await claim(viewer.token, conversationId)).status).toBe(403);
    for (const role of ["admin", "agent"] as const) {
      const key = await api.trpc(owner.token).apiKeys.create.mutate({ name: role, role });
      expect((await claim(key.secret, conversationId)).status).toBe(403);
      expect((await release(key.secret, conversationId)).status).toBe(403);
    }
  });

  it("answers 404 to an agent for another agent's conversation, as everywhere else", async () => {
    const { organizationId, agent, otherAgent } = await team();
    const theirs = await insertConversation(api, organizationId, { assignedTo: otherAgent.user.id });
    expect((await claim(agent.token, theirs)).status).toBe(404);
    expect((await release(agent.token, theirs)).status).toBe(404);
    expect(await trpcCode(api.trpc(agent.token).conversations.claim.mutate({ id: theirs }))).toBe(
      "NOT_FOUND",
    );
    // taken a moment ago: it left her view, so she is told as much as of any other agent's
    const unassigned = await insertConversation(api, organizationId);
    expect((await claim(otherAgent.token, unassigned)).status).toBe(200);
    expect((await claim(agent.token, unassigned)).status).toBe(404);
  });

  it("answers 409 to an owner or admin for a conversation someone else has; they reassign it instead", async () => {
    const { owner, organizationId, admin, agent } = await team();
    const hers = await insertConversation(api, organizationId, { assignedTo: agent.user.id });
    for (const token of [owner.token, admin.token]) {
      const claimed = await claim(token, hers);
      expect(claimed.status).toBe(409);
      expect(claimed.body.message).toMatch(/only an unassigned conversation can be claimed/);
      const released = await release(token, hers);
      expect(released.status).toBe(409);
      expect(released.body.message).toMatch(/only its assignee can release it/);
    }
    const unassigned = await insertConversation(api, organizationId);
    const taken = await claim(admin.token, unassigned);
    expect(taken.body.assignee?.id).toBe(admin.user.id);
  });
});

// PGlite runs one transaction at a time: two claims never meet there
describe.skipIf(!readEnv().databaseUrl)(
  "two agents claiming the same conversation at once (Postgres)",
  () => {
    it("gives it to exactly one; the other gets 409 and nothing is announced for her", async () => {
      const { organizationId, agent, otherAgent } = await team();
      const conversationId = await insertConversation(api, organizationId);
      const recorder = recordEvents(api, organizationId, ["conversation_assigned"]);

      // hold the row until both claims have read it unassigned and wait to write it
      const [overRest, overTrpc] = await api.container.db.db.transaction().execute(async (trx) => {
        await sql`select id from conversations where id = ${conversationId} for update`.execute(trx);
        const overRest = claim(agent.token, conversationId);
        const overTrpc = trpcAnswer(
          api.trpc(otherAgent.token).conversations.claim.mutate({ id: conversationId }),
        );
        await waitForLockWaiter(api, "conversations", 2);
        return [overRest, overTrpc] as const;
      });
      const overRestAnswer = await overRest;
      const answers = [
        {
          who: agent,
          code: ({ 200: "OK", 409: "CONFLICT" } as Record<number, string>)[overRestAnswer.status],
          message: overRestAnswer.body.message,
        },
        { who: otherAgent, ...(await overTrpc) },
      ];
      expect(answers.map((a) => a.code).sort()).toEqual(["CONFLICT", "OK"]);
      const winner = answers.find((a) => a.code === "OK");
      expect(answers.find((a) => a.code === "CONFLICT")?.message).toBe(
        "This conversation is already assigned to someone else: only an unassigned conversation can be claimed",
      );

      const stored = await api.container.db.db
        .selectFrom("conversations")
        .select("assigned_to")
        .where("id", "=", conversationId)
        .executeTakeFirstOrThrow();
      expect(stored.assigned_to).toBe(winner?.who.user.id);
      await recorder.expectEvent("conversation_assigned", {
        conversationId,
        assignedTo: winner?.who.user.id,
      });
      expect(recorder.events).toHaveLength(1);
      recorder.stop();
    });
  },
);
