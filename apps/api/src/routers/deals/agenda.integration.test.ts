import { randomUUID } from "node:crypto";
import type { agendaItem } from "@crm/contracts";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  type ActivityDto,
  type BoardDto,
  createDeal,
  dealOf,
  type ErrorDto,
  insertContact,
  type PageDto,
  stageAt,
  workspace,
} from "./deal-fixtures";

const api = useTestApi();
type AgendaItemDto = z.output<typeof agendaItem>;

const hour = 60 * 60 * 1000;
const at = (fromNow: number) => new Date(Date.now() + fromNow).toISOString();

/**
 * A zone whose clock reads about noon now: "today" then stretches 11 hours either way, so an activity due an
 * hour or two from now is today whenever the test runs.
 */
function noonZone(): string {
  const offset = new Date().getUTCHours() - 12; // Etc/GMT+N is N hours behind UTC
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "+" : "-"}${Math.abs(offset)}`;
}

async function agenda(token: string, query = "") {
  return api.rest<PageDto<AgendaItemDto>>("GET", `/activities${query}`, { token });
}

async function titlesOf(token: string, query: string): Promise<string[]> {
  const res = await agenda(token, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((item) => item.content ?? "");
}

async function addActivity(token: string, dealId: string, body: Record<string, unknown>) {
  const res = await api.rest<ActivityDto>("POST", `/deals/${dealId}/activities`, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** An organization in a noon zone with two deals: the owner's (with a contact) and an agent's. */
async function agendaWorkspace() {
  const { owner, token, contactId, pipeline } = await workspace(api);
  const zone = await api.rest("PATCH", "/organizations/current", { token, body: { timezone: noonZone() } });
  expect(zone.status, JSON.stringify(zone.body)).toBe(200);
  const agent = await api.member(token, "agent");
  const stage = stageAt(pipeline, 0).id;
  const mine = await createDeal(api, token, {
    title: "Mine",
    contactId,
    pipelineId: pipeline.id,
    stage,
    assigneeId: owner.user.id,
  });
  const theirs = await createDeal(api, token, {
    title: "Theirs",
    contactId: await insertContact(api, owner.organization.id, "Pedro Lima"),
    pipelineId: pipeline.id,
    stage,
    assigneeId: agent.user.id,
  });
  return { owner, token, agent, pipeline, mine, theirs };
}

describe("GET /activities", () => {
  it("groups due activities into overdue, today and upcoming without overlap, earliest first", async () => {
    const { token, mine, theirs } = await agendaWorkspace();
    await addActivity(token, mine.id, { type: "task", content: "late task", dueAt: at(-30 * hour) });
    await addActivity(token, theirs.id, { type: "call", content: "late call", dueAt: at(-hour) });
    await addActivity(token, mine.id, { type: "meeting", content: "later today", dueAt: at(2 * hour) });
    await addActivity(token, mine.id, { type: "task", content: "soon", dueAt: at(hour) });
    await addActivity(token, theirs.id, { type: "task", content: "next week", dueAt: at(7 * 24 * hour) });
    await addActivity(token, mine.id, { type: "note", content: "a note" });
    const doneEarlier = await addActivity(token, mine.id, {
      type: "task",
      content: "done earlier",
      dueAt: at(-2 * hour),
    });
    await api.rest("PATCH", `/deals/${mine.id}/activities/${doneEarlier.id}`, {
      token,
      body: { done: true },
    });

    expect(await titlesOf(token, "?due=overdue")).toEqual(["late task", "late call"]);
    expect(await titlesOf(token, "?due=today&done=false")).toEqual(["soon", "later today"]);
    // a task done today is today's, not overdue
    expect(await titlesOf(token, "?due=today&done=true")).toEqual(["done earlier"]);
    expect(await titlesOf(token, "?due=upcoming")).toEqual(["next week"]);
    expect(await titlesOf(token, "?due=none")).toEqual(["a note"]);
    // no filter: every user activity, those without a due date last, system activities never
    expect(await titlesOf(token, "")).toEqual([
      "late task",
      "done earlier",
      "late call",
      "soon",
      "later today",
      "next week",
      "a note",
    ]);

    const [late] = (await agenda(token, "?due=overdue")).body.items;
    expect(late).toMatchObject({
      type: "task",
      done: false,
      overdue: true,
      deal: {
        id: mine.id,
        title: "Mine",
        stage: mine.stage,
        stageName: expect.any(String),
        status: "open",
        contactName: "Maria Souza",
      },
    });
  });

  it("filters by type, owner (the deal's assignee), deal and deal status", async () => {
    const { token, agent, mine, theirs } = await agendaWorkspace();
    await addActivity(token, mine.id, { type: "task", content: "my task", dueAt: at(hour) });
    await addActivity(token, mine.id, { type: "call", content: "my call", dueAt: at(2 * hour) });
    // written by the owner on the agent's deal: the agent's to do
    await addActivity(token, theirs.id, { type: "task", content: "their task", dueAt: at(3 * hour) });

    expect(await titlesOf(token, "?type=call")).toEqual(["my call"]);
    expect(await titlesOf(token, "?owner=me")).toEqual(["my task", "my call"]);
    expect(await titlesOf(agent.token, "?owner=me")).toEqual(["their task"]);
    expect(await titlesOf(token, `?owner=${agent.user.id}`)).toEqual(["their task"]);
    expect(await titlesOf(token, `?dealId=${theirs.id}`)).toEqual(["their task"]);

    const lost = await api.rest("PATCH", `/deals/${theirs.id}`, {
      token,
      body: { status: "lost", lostReason: "Went elsewhere" },
    });
    expect(lost.status).toBe(200);
    // listed still, flagged by its deal's status and no longer overdue-able
    const all = await agenda(token, "");
    expect(all.body.items.find((item) => item.content === "their task")?.deal.status).toBe("lost");
    expect(await titlesOf(token, "?status=open")).toEqual(["my task", "my call"]);
    expect(await titlesOf(token, "?status=lost")).toEqual(["their task"]);
  });

  it("does not call a leftover task of a won or lost deal overdue", async () => {
    const { token, theirs } = await agendaWorkspace();
    await addActivity(token, theirs.id, { type: "task", content: "forgotten", dueAt: at(-hour) });
    await api.rest("PATCH", `/deals/${theirs.id}`, { token, body: { status: "won" } });
    const [item] = (await agenda(token, "?due=overdue")).body.items;
    expect(item).toMatchObject({ content: "forgotten", overdue: false, deal: { status: "won" } });
  });

  it("pages by a cursor bound to its filters", async () => {
    const { token, mine } = await agendaWorkspace();
    const expected: string[] = [];
    for (let index = 0; index < 7; index++) {
      const content = `task ${index}`;
      // two share each due time: the id breaks the tie
      await addActivity(token, mine.id, {
        type: "task",
        content,
        dueAt: at((Math.floor(index / 2) + 1) * hour),
      });
      expected.push(content);
    }
    for (let index = 0; index < 3; index++) {
      await addActivity(token, mine.id, { type: "note", content: `note ${index}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof agenda>> = await agenda(
        token,
        `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items.map((item) => item.content ?? ""));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen.slice(0, 7).sort()).toEqual(expected.sort());
    expect(seen.slice(7).sort()).toEqual(["note 0", "note 1", "note 2"]);
    expect(new Set(seen).size).toBe(10);
    const byDue = (await agenda(token, "?limit=100")).body.items.map((item) => item.content);
    expect(seen).toEqual(byDue);

    const first = await agenda(token, "?limit=3&due=today");
    expect(first.body.nextCursor).not.toBeNull();
    const other = await agenda(token, `?limit=3&due=upcoming&cursor=${first.body.nextCursor ?? ""}`);
    expect(other.status).toBe(400);
    expect((await agenda(token, "?cursor=garbage")).status).toBe(400);
  });

  it("answers 400 with the field for bad filters", async () => {
    const { owner, token } = await workspace(api);
    const field = async (query: string) => {
      const res = await api.rest<ErrorDto>("GET", `/activities${query}`, { token });
      expect(res.status, query).toBe(400);
      return JSON.stringify(res.body);
    };
    expect(await field("?due=yesterday")).toContain("due");
    expect(await field("?type=created")).toContain("type");
    expect(await field("?done=maybe")).toContain("done");
    expect(await field("?owner=bob")).toContain("owner");
    expect(await field("?dealId=12")).toContain("dealId");
    expect(await field("?status=archived")).toContain("status");
    expect(await field("?due=overdue&done=true")).toContain("done");
    expect(await field("?limit=0")).toContain("limit");

    const key = await api.trpc(token).apiKeys.create.mutate({ name: "Zapier", role: "admin" });
    const byKey = await api.rest<ErrorDto>("GET", "/activities?owner=me", { token: key.secret });
    expect(byKey.status).toBe(400);
    expect(byKey.body.message).toContain("owner=me");
    const ownerId = await api.rest("GET", `/activities?owner=${owner.user.id}`, { token: key.secret });
    expect(ownerId.status).toBe(200);
  });

  it("lets every role read, and shows one organization nothing of another's", async () => {
    const { token, mine } = await agendaWorkspace();
    await addActivity(token, mine.id, { type: "task", content: "ours", dueAt: at(hour) });
    const viewer = await api.member(token, "viewer");
    expect(await titlesOf(viewer.token, "")).toEqual(["ours"]);

    const stranger = await api.register();
    expect(await titlesOf(stranger.token, "")).toEqual([]);
    expect((await agenda(stranger.token, `?dealId=${mine.id}`)).status).toBe(404);
    expect((await agenda(stranger.token, `?dealId=${randomUUID()}`)).status).toBe(404);
    expect(await titlesOf(stranger.token, `?owner=${mine.assigneeId}`)).toEqual([]);
    await expectTenantIsolation(api, async (ownerToken) => (await dealOf(api, ownerToken)).id, [
      {
        name: "GET /activities?dealId",
        call: (t, id) => api.rest("GET", `/activities?dealId=${id}`, { token: t }),
      },
    ]);
  });

  it("is documented in /openapi.json and answers over tRPC too", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    };
    expect(doc.paths["/activities"]?.get?.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(["type", "due", "done", "owner", "dealId", "status", "cursor", "limit"]),
    );
    const { token, mine } = await agendaWorkspace();
    await addActivity(token, mine.id, { type: "task", content: "over trpc", dueAt: at(-hour) });
    const page = await api.trpc(token).deals.agenda.query({ due: "overdue", owner: "me" });
    expect(page.items.map((item) => [item.content, item.overdue])).toEqual([["over trpc", true]]);
  });

  it("answers 401 without a session", async () => {
    expect((await api.rest("GET", "/activities")).status).toBe(401);
  });
});

describe("the board's activity marker", () => {
  it("gives each card its earliest pending due time, overdue only while the deal is open", async () => {
    const { token, pipeline, mine, theirs } = await agendaWorkspace();
    await addActivity(token, mine.id, { type: "task", content: "late", dueAt: at(-hour) });
    await addActivity(token, mine.id, { type: "call", content: "later", dueAt: at(5 * hour) });
    const future = at(3 * hour);
    await addActivity(token, theirs.id, { type: "meeting", content: "soon", dueAt: future });
    const done = await addActivity(token, theirs.id, { type: "task", content: "done", dueAt: at(-hour) });
    await api.rest("PATCH", `/deals/${theirs.id}/activities/${done.id}`, { token, body: { done: true } });

    const cards = async (status = "open") => {
      const res = await api.rest<BoardDto>("GET", `/pipelines/${pipeline.id}/board?status=${status}`, {
        token,
      });
      expect(res.status).toBe(200);
      return new Map(res.body.columns.flatMap((column) => column.deals.map((deal) => [deal.id, deal])));
    };
    const open = await cards();
    expect(open.get(mine.id)).toMatchObject({ activityOverdue: true });
    expect(Date.parse(open.get(mine.id)?.nextActivityDueAt ?? "")).toBeLessThan(Date.now());
    expect(open.get(theirs.id)).toMatchObject({ activityOverdue: false, nextActivityDueAt: future });

    await api.rest("PATCH", `/deals/${mine.id}`, {
      token,
      body: { status: "lost", lostReason: "No budget" },
    });
    expect((await cards("lost")).get(mine.id)).toMatchObject({ activityOverdue: false });
  });
});
