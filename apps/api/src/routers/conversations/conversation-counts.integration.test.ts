import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { type ErrorDto, insertConversation, team as teamOf } from "./conversation-fixtures";

const api = useTestApi();

interface CountsDto {
  mine: number;
  unassigned: number;
  all: number;
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
    expect((await counts(agent.token, "?status=open")).body).toEqual({ mine: 2, unassigned: 3, all: 5 });
    expect((await counts(otherAgent.token, "?status=open")).body).toEqual({ mine: 1, unassigned: 3, all: 4 });
  });

  it("gives owners, admins and viewers the whole organization; the status and channel filter as the list", async () => {
    const { owner, admin, viewer } = await inbox();
    for (const token of [owner.token, admin.token, viewer.token]) {
      expect((await counts(token, "?status=open")).body).toMatchObject({ unassigned: 3, all: 6 });
    }
    expect((await counts(owner.token, "?status=open")).body.mine).toBe(0);
    // no status: every status, as the list without one
    expect((await counts(owner.token)).body).toEqual({ mine: 0, unassigned: 4, all: 9 });
    expect((await counts(owner.token, "?status=closed")).body).toEqual({ mine: 0, unassigned: 1, all: 2 });
    expect((await counts(owner.token, "?status=open&channel=telegram")).body).toEqual({
      mine: 0,
      unassigned: 1,
      all: 2,
    });
  });

  it("counts nothing of another organization, and refuses a status it does not know", async () => {
    await inbox();
    const stranger = await api.register();
    expect((await counts(stranger.token, "?status=open")).body).toEqual({ mine: 0, unassigned: 0, all: 0 });
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
    });
  });
});
