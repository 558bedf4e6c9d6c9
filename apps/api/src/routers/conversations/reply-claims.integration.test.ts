import { readEnv } from "@crm/db/cli/env";
import { TRPCClientError } from "@trpc/client";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { waitForLockWaiter } from "../../testing/lock-waiter";
import {
  type ConversationDto,
  type ErrorDto,
  insertConversation,
  type MessageDto,
  recordEvents,
  team as teamOf,
} from "./conversation-fixtures";

const api = useTestApi();

const team = () => teamOf(api);

const reply = (token: string, id: string, body: { text: string; isPrivate?: boolean }) =>
  api.rest<MessageDto & ErrorDto>("POST", `/conversations/${id}/messages`, { token, body });

const assigneeOf = async (id: string) => {
  const row = await api.container.db.db
    .selectFrom("conversations")
    .select("assigned_to")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.assigned_to;
};

const assignmentsOf = (recorder: ReturnType<typeof recordEvents>, conversationId: string) =>
  recorder.events.filter(
    (e) =>
      e.type === "conversation_assigned" &&
      (e.payload as { conversationId?: string }).conversationId === conversationId,
  );

describe("replying to an unassigned conversation", () => {
  it("assigns it to the member who replies, announced as her claim, and the other agents lose it", async () => {
    const { owner, organizationId, agent, otherAgent } = await team();
    const conversationId = await insertConversation(api, organizationId);
    const recorder = recordEvents(api, organizationId, ["conversation_assigned", "conversation_updated"]);

    const sent = await reply(agent.token, conversationId, { text: "Olá! Posso ajudar?" });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ direction: "outbound", isPrivate: false });

    const seen = await api.rest<ConversationDto>("GET", `/conversations/${conversationId}`, {
      token: agent.token,
    });
    expect(seen.body.assignee).toEqual({ id: agent.user.id, name: "A agent" });
    await recorder.expectEvent("conversation_updated", { conversationId, assignedTo: agent.user.id });
    await recorder.expectEvent("conversation_assigned", {
      conversationId,
      assignedTo: agent.user.id,
      previousAssignee: null,
      assignedBy: agent.user.id,
    });
    expect(assignmentsOf(recorder, conversationId)).toHaveLength(1);
    // hers now: out of the other agent's view, as after a claim
    const other = await api.rest("GET", `/conversations/${conversationId}`, { token: otherAgent.token });
    expect(other.status).toBe(404);

    // an owner answering an unassigned conversation takes it too
    const forOwner = await insertConversation(api, organizationId);
    expect((await reply(owner.token, forOwner, { text: "Bom dia" })).status).toBe(201);
    expect(await assigneeOf(forOwner)).toBe(owner.user.id);

    // answering her own again changes nobody
    expect((await reply(agent.token, conversationId, { text: "Seguimos?" })).status).toBe(201);
    expect(assignmentsOf(recorder, conversationId)).toHaveLength(1);
    recorder.stop();
  });

  it("leaves it unassigned for a private note", async () => {
    const { organizationId, agent } = await team();
    const conversationId = await insertConversation(api, organizationId);
    const recorder = recordEvents(api, organizationId, ["conversation_assigned"]);

    const note = await api
      .trpc(agent.token)
      .conversations.sendMessage.mutate({ id: conversationId, text: "Cliente VIP", isPrivate: true });
    expect(note.isPrivate).toBe(true);
    expect(await assigneeOf(conversationId)).toBeNull();
    expect(assignmentsOf(recorder, conversationId)).toEqual([]);
    recorder.stop();
  });

  it("leaves it unassigned for an API key, which is nobody", async () => {
    const { owner, organizationId } = await team();
    const recorder = recordEvents(api, organizationId, ["conversation_assigned"]);
    for (const role of ["admin", "agent"] as const) {
      const conversationId = await insertConversation(api, organizationId);
      const key = await api.trpc(owner.token).apiKeys.create.mutate({ name: role, role });
      const sent = await reply(key.secret, conversationId, { text: "Seu pedido saiu" });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect(await assigneeOf(conversationId)).toBeNull();
      expect(assignmentsOf(recorder, conversationId)).toEqual([]);
    }
    recorder.stop();
  });
});

describe("replying to a conversation someone else has", () => {
  it("keeps its assignee when an owner or admin answers; an agent does not see it (404)", async () => {
    const { owner, organizationId, admin, agent, otherAgent } = await team();
    const hers = await insertConversation(api, organizationId, { assignedTo: agent.user.id });
    const recorder = recordEvents(api, organizationId, ["conversation_assigned"]);

    for (const token of [owner.token, admin.token]) {
      expect((await reply(token, hers, { text: "Complementando" })).status).toBe(201);
    }
    expect((await reply(otherAgent.token, hers, { text: "Oi" })).status).toBe(404);
    expect(await assigneeOf(hers)).toBe(agent.user.id);
    expect(assignmentsOf(recorder, hers)).toEqual([]);
    recorder.stop();
  });
});

/** How a tRPC call ended: "OK" or its error code. */
async function trpcCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCClientError) return String(error.data?.code);
    throw error;
  }
}

// PGlite runs one transaction at a time: two replies never meet there
describe.skipIf(!readEnv().databaseUrl)(
  "two agents replying to the same unassigned conversation at once (Postgres)",
  () => {
    it("stores and sends both messages and gives the conversation to exactly one of them", async () => {
      const { organizationId, agent, otherAgent } = await team();
      const conversationId = await insertConversation(api, organizationId);
      const recorder = recordEvents(api, organizationId, ["conversation_assigned"]);

      // hold the row until both replies have read it unassigned and wait to write
      const [overRest, overTrpc] = await api.container.db.db.transaction().execute(async (trx) => {
        await sql`select id from conversations where id = ${conversationId} for update`.execute(trx);
        const overRest = reply(agent.token, conversationId, { text: "Oi, aqui é a Ana" });
        const overTrpc = trpcCode(
          api.trpc(otherAgent.token).conversations.sendMessage.mutate({ id: conversationId, text: "Oi!" }),
        );
        await waitForLockWaiter(api, "conversations", 2);
        return [overRest, overTrpc] as const;
      });
      const restAnswer = await overRest;
      expect(restAnswer.status, JSON.stringify(restAnswer.body)).toBe(201);
      expect(await overTrpc).toBe("OK");

      const messages = await api.container.db.db
        .selectFrom("messages")
        .select(["content", "status"])
        .where("conversation_id", "=", conversationId)
        .orderBy("content")
        .execute();
      expect(messages.map((m) => m.content)).toEqual(["Oi!", "Oi, aqui é a Ana"]);
      expect(messages.every((m) => m.status !== null)).toBe(true);
      const assignee = await assigneeOf(conversationId);
      expect([agent.user.id, otherAgent.user.id]).toContain(assignee);
      await recorder.expectEvent("conversation_assigned", { conversationId, assignedTo: assignee });
      expect(recorder.events).toHaveLength(1);
      recorder.stop();
    });
  },
);
