import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { type ErrorDto, insertConversation, insertMessage, team as teamOf } from "./conversation-fixtures";

const api = useTestApi();

interface CountsDto {
  mine: number;
  unassigned: number;
  all: number;
  unread: number;
}

const counts = (token: string, query = "") =>
  api.rest<CountsDto>("GET", `/conversations/counts${query}`, { token });

/** Two open for the agent, one open for another agent, three open unassigned, and some of other statuses. */
async function inbox() {
  const members = await teamOf(api);
  const { organizationId, agent, otherAgent } = members;
  const seed = (seed: Parameters<typeof insertConversation>[2]) =>
    insertConversation(api, organizationId, seed);
  await seed({ assignedTo: agent.user.id });
  await seed({ assignedTo: agent.user.id, channel: "telegram" });
  await seed({ assignedTo: otherAgent.user.id });
  await seed({});
  await seed({});
  await seed({ channel: "telegram" });
  await seed({ status: "closed", assignedTo: agent.user.id });
  await seed({ status: "closed" });
  await seed({ status: "pending", assignedTo: otherAgent.user.id });
  return members;
}

describe("the inbox's counts", () => {
  it("counts an agent's own, the unassigned, and all the agent may see: never another agent's", async () => {
    const { agent, otherAgent } = await inbox();
    expect((await counts(agent.token, "?status=open")).body).toEqual({
      mine: 2,
      unassigned: 3,
      all: 5,
      unread: 0,
    });
    expect((await counts(otherAgent.token, "?status=open")).body).toEqual({
      mine: 1,
      unassigned: 3,
      all: 4,
      unread: 0,
    });
  });

  it("gives owners, admins and viewers the whole organization; the status and channel filter as the list", async () => {
    const { owner, admin, viewer } = await inbox();
    for (const token of [owner.token, admin.token, viewer.token]) {
      expect((await counts(token, "?status=open")).body).toMatchObject({ unassigned: 3, all: 6 });
    }
    expect((await counts(owner.token, "?status=open")).body.mine).toBe(0);
    // no status: every status, as the list without one
    expect((await counts(owner.token)).body).toEqual({ mine: 0, unassigned: 4, all: 9, unread: 0 });
    expect((await counts(owner.token, "?status=closed")).body).toEqual({
      mine: 0,
      unassigned: 1,
      all: 2,
      unread: 0,
    });
    expect((await counts(owner.token, "?status=open&channel=telegram")).body).toEqual({
      mine: 0,
      unassigned: 1,
      all: 2,
      unread: 0,
    });
  });

  it("counts nothing of another organization, and refuses a status it does not know", async () => {
    await inbox();
    const stranger = await api.register();
    expect((await counts(stranger.token, "?status=open")).body).toEqual({
      mine: 0,
      unassigned: 0,
      all: 0,
      unread: 0,
    });
    const res = await api.rest<ErrorDto>("GET", "/conversations/counts?status=archived", {
      token: stranger.token,
    });
    expect(res.status).toBe(400);
  });

  it("answers over tRPC with the same numbers", async () => {
    const { agent } = await inbox();
    expect(await api.trpc(agent.token).conversations.counts.query({ status: "open" })).toEqual({
      mine: 2,
      unassigned: 3,
      all: 5,
      unread: 0,
    });
  });

  it("counts as unread the open and pending conversations the user may see with messages they have not read", async () => {
    const { organizationId, owner, agent, otherAgent } = await teamOf(api);
    const db = api.container.db.db;
    const written = async (seed: Parameters<typeof insertConversation>[2]) => {
      const id = await insertConversation(api, organizationId, seed);
      await insertMessage(api, id, { content: "Vocês entregam no sábado?", minutesAgo: 3 });
      return id;
    };
    const unassigned = await written({ unreadCount: 1 });
    await written({ assignedTo: agent.user.id });
    const theirs = await written({ assignedTo: otherAgent.user.id, unreadCount: 2 });
    await written({ status: "pending" });
    // neither closed nor snoozed ones call for anybody
    await written({ status: "closed", unreadCount: 1 });
    const snoozed = await written({ unreadCount: 1 });
    await db
      .updateTable("conversations")
      .set({ status: "snoozed", snoozed_until: new Date(Date.now() + 86_400_000) })
      .where("id", "=", snoozed)
      .execute();
    // only our side wrote: nothing to read
    const answered = await insertConversation(api, organizationId, { unreadCount: 1 });
    await insertMessage(api, answered, { content: "Seu pedido saiu", direction: "outbound" });
    // another organization's unread conversation
    const stranger = await api.register();
    const elsewhere = await insertConversation(api, stranger.organization.id, { unreadCount: 1 });
    await insertMessage(api, elsewhere, { content: "Oi?" });

    const unread = async (token: string, query = "") => (await counts(token, query)).body.unread;
    const read = async (token: string, id: string) =>
      expect((await api.rest("POST", `/conversations/${id}/mark-as-read`, { token, body: {} })).status).toBe(
        200,
      );

    // an agent never counts another agent's conversation
    expect(await unread(agent.token)).toBe(3);
    expect(await unread(otherAgent.token)).toBe(3);
    expect(await unread(owner.token)).toBe(4);
    expect(await unread(stranger.token)).toBe(1);
    // the status and channel filter it as the rest of the counts
    expect(await unread(agent.token, "?status=open")).toBe(2);
    expect(await unread(agent.token, "?status=closed")).toBe(0);
    expect(await unread(agent.token, "?channel=telegram")).toBe(0);

    // one's own read clears it; another member's does not
    await read(agent.token, unassigned);
    expect(await unread(agent.token)).toBe(2);
    expect(await unread(owner.token)).toBe(4);
    expect(await unread(otherAgent.token)).toBe(3);
    await read(owner.token, theirs);
    expect(await unread(owner.token)).toBe(3);
    expect(await unread(otherAgent.token)).toBe(3);
    expect(await unread(stranger.token)).toBe(1);
    expect((await api.trpc(agent.token).conversations.counts.query({})).unread).toBe(2);

    // an API key reads nothing: the open and pending ones with a team count above 0, of its organization only
    const key = await api.trpc(owner.token).apiKeys.create.mutate({ name: "crm sync", role: "admin" });
    expect(await unread(key.secret)).toBe(3);
  });
});
