import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  type ActivityDto,
  activitiesOf,
  ageDeal,
  createDeal,
  type DealDto,
  dealOf,
  type ErrorDto,
  firstPipeline,
  insertContact,
  type PageDto,
  recordDealEvents,
  stageAt,
  workspace,
} from "./deal-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const dealCount = async (organizationId: string) =>
  Number(
    (
      await api.container.db.db
        .selectFrom("deals")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("organization_id", "=", organizationId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("creating a deal", () => {
  it("puts it open in the stage, in the organization's currency, with a created activity and an event", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const recorder = recordDealEvents(api, owner.organization.id);
    const stage = stageAt(pipeline, 1);
    const res = await api.rest<DealDto>("POST", "/deals", {
      token,
      body: {
        title: "  Loja virtual  ",
        contactId,
        pipelineId: pipeline.id,
        stage: stage.id,
        value: { amount: "1234.5" },
        assigneeId: owner.user.id,
        expectedCloseDate: "2030-01-31",
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: "Loja virtual",
      contactId,
      pipelineId: pipeline.id,
      stage: stage.id,
      status: "open",
      value: { amount: "1234.50", currency: "BRL" },
      assigneeId: owner.user.id,
      expectedCloseDate: "2030-01-31",
      lostReason: null,
      rotting: false,
      wonAt: null,
      lostAt: null,
    });
    const [created, ...others] = await activitiesOf(api, token, res.body.id);
    expect(others).toEqual([]);
    expect(created).toMatchObject({
      type: "created",
      content: null,
      actorId: owner.user.id,
      data: { pipelineId: pipeline.id, stageId: stage.id, stageName: stage.name },
    });
    await recorder.expectEvent(res.body.id, ["created"]);
    recorder.stop();

    const fetched = await api.rest<DealDto>("GET", `/deals/${res.body.id}`, { token });
    expect(fetched.body).toEqual(res.body);
  });

  it("keeps an explicit currency and the exact decimal amount", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const stage = stageAt(pipeline, 0).id;
    const usd = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage,
      value: { amount: "9999999999999.99", currency: "usd" },
    });
    expect(usd.value).toEqual({ amount: "9999999999999.99", currency: "USD" });
    const yen = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage,
      value: { amount: "500", currency: "JPY" },
    });
    expect((await api.rest<DealDto>("GET", `/deals/${yen.id}`, { token })).body.value).toEqual({
      amount: "500",
      currency: "JPY",
    });
  });

  it("refuses bad input with a 4xx and writes nothing", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const stranger = await workspace(api);
    const stage = stageAt(pipeline, 0).id;
    const valid = { title: "Deal", contactId, pipelineId: pipeline.id, stage, value: { amount: "10.00" } };
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ["unknown stage", { stage: randomUUID() }, 400, "stage"],
      ["stage of another pipeline", { stage: stageAt(stranger.pipeline, 0).id }, 400, "stage"],
      ["pipeline of another organization", { pipelineId: stranger.pipeline.id }, 404, ""],
      ["contact of another organization", { contactId: stranger.contactId }, 404, ""],
      ["assignee of another organization", { assigneeId: stranger.owner.user.id }, 404, ""],
      ["negative value", { value: { amount: "-1.00" } }, 400, "value.amount"],
      ["malformed value", { value: { amount: "1,50" } }, 400, "value.amount"],
      ["float-looking value", { value: { amount: "1e3" } }, 400, "value.amount"],
      ["too many decimals", { value: { amount: "1.001" } }, 400, "value.amount"],
      ["too large for the column", { value: { amount: "10000000000000" } }, 400, "value.amount"],
      ["unknown currency", { value: { amount: "1", currency: "XYZ" } }, 400, "value.currency"],
      ["blank title", { title: "   " }, 400, "title"],
      ["impossible close date", { expectedCloseDate: "2030-02-30" }, 400, "expectedCloseDate"],
      ["value as a number", { value: { amount: 10 } }, 400, "value.amount"],
    ];
    for (const [name, override, status, field] of cases) {
      const res = await api.rest<ErrorDto>("POST", "/deals", { token, body: { ...valid, ...override } });
      expect(res.status, name).toBe(status);
      if (field) expect(Object.keys(res.body.data.fieldErrors ?? {}), name).toContain(field);
    }
    expect(await dealCount(owner.organization.id)).toBe(0);
    const activities = await api.container.db.db
      .selectFrom("deal_activities")
      .select("id")
      .where("organization_id", "=", owner.organization.id)
      .execute();
    expect(activities).toEqual([]);
  });
});

describe("moving, winning and losing", () => {
  it("moves a deal between stages with a stage_changed activity and an event", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    await ageDeal(api, deal.id, 3);
    const recorder = recordDealEvents(api, owner.organization.id);
    const to = stageAt(pipeline, 2);
    const moved = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, { token, body: { stage: to.id } });
    expect(moved.status).toBe(200);
    expect(moved.body.stage).toBe(to.id);
    expect(Date.parse(moved.body.stageEnteredAt)).toBeGreaterThan(Date.now() - 60_000);
    const [latest] = await activitiesOf(api, token, deal.id);
    expect(latest).toMatchObject({
      type: "stage_changed",
      data: {
        from: {
          pipelineId: pipeline.id,
          stageId: stageAt(pipeline, 0).id,
          stageName: stageAt(pipeline, 0).name,
        },
        to: { pipelineId: pipeline.id, stageId: to.id, stageName: to.name },
      },
    });
    await recorder.expectEvent(deal.id, ["stage"]);
    expect(recorder.events.at(-1)?.payload).toEqual({
      dealId: deal.id,
      pipelineId: pipeline.id,
      stage: to.id,
      status: "open",
      changes: ["stage"],
    });

    const same = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, { token, body: { stage: to.id } });
    expect(same.body.stageEnteredAt).toBe(moved.body.stageEnteredAt);
    expect(await activitiesOf(api, token, deal.id)).toHaveLength(2);
    recorder.stop();
  });

  it("wins, loses with a reason and reopens, each with its activity", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const recorder = recordDealEvents(api, owner.organization.id);

    const won = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, { token, body: { status: "won" } });
    expect(won.body).toMatchObject({ status: "won", lostReason: null, lostAt: null });
    expect(won.body.wonAt).not.toBeNull();
    await recorder.expectEvent(deal.id, ["status"]);

    const noReason = await api.rest<ErrorDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { status: "lost" },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.data.fieldErrors).toHaveProperty("lostReason");
    const unchanged = await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(unchanged.body).toEqual(won.body);

    const lost = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { status: "lost", lostReason: "Went with a competitor" },
    });
    expect(lost.body).toMatchObject({ status: "lost", lostReason: "Went with a competitor", wonAt: null });
    expect(lost.body.lostAt).not.toBeNull();

    const reopened = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { status: "open" },
    });
    expect(reopened.body).toMatchObject({ status: "open", lostReason: null, wonAt: null, lostAt: null });

    const types = (await activitiesOf(api, token, deal.id)).map((a) => a.type);
    expect(types).toEqual(["reopened", "lost", "won", "created"]);
    const lostActivity = (await activitiesOf(api, token, deal.id))[1];
    expect(lostActivity?.data).toEqual({ lostReason: "Went with a competitor" });
    recorder.stop();
  });

  it("moves and closes in one request, writing both activities or, on a bad part, neither", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const last = stageAt(pipeline, 3);

    const bad = await api.rest("PATCH", `/deals/${deal.id}`, {
      token,
      body: { stage: last.id, title: "Renamed", status: "lost" },
    });
    expect(bad.status).toBe(400);
    expect((await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body).toMatchObject({
      stage: stageAt(pipeline, 0).id,
      title: deal.title,
      status: "open",
    });
    expect(await activitiesOf(api, token, deal.id)).toHaveLength(1);

    const ok = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { stage: last.id, status: "won", value: { amount: "2500" } },
    });
    expect(ok.body).toMatchObject({
      stage: last.id,
      status: "won",
      value: { amount: "2500.00", currency: "BRL" },
    });
    const types = (await activitiesOf(api, token, deal.id)).map((a) => a.type).sort();
    expect(types).toEqual(["created", "stage_changed", "won"]);
  });

  it("refuses a stage of another pipeline, an unknown one, or another organization's ids", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const stranger = await workspace(api);
    const other = await api.rest<{ id: string; stages: Array<{ id: string }> }>("POST", "/pipelines", {
      token,
      body: { name: "Renewals", stages: [{ name: "Due" }, { name: "Renewed" }] },
    });
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const otherStage = other.body.stages[0]?.id;

    expect(
      (await api.rest("PATCH", `/deals/${deal.id}`, { token, body: { stage: otherStage } })).status,
    ).toBe(400);
    expect(
      (await api.rest("PATCH", `/deals/${deal.id}`, { token, body: { stage: randomUUID() } })).status,
    ).toBe(400);
    expect(
      (await api.rest("PATCH", `/deals/${deal.id}`, { token, body: { pipelineId: other.body.id } })).status,
    ).toBe(400);
    expect(
      (
        await api.rest("PATCH", `/deals/${deal.id}`, {
          token,
          body: { pipelineId: stranger.pipeline.id, stage: stageAt(stranger.pipeline, 0).id },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api.rest("PATCH", `/deals/${deal.id}`, { token, body: { contactId: stranger.contactId } }))
        .status,
    ).toBe(404);
    expect(
      (await api.rest("PATCH", `/deals/${deal.id}`, { token, body: { assigneeId: stranger.owner.user.id } }))
        .status,
    ).toBe(404);
    expect(await activitiesOf(api, token, deal.id)).toHaveLength(1);

    const moved = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { pipelineId: other.body.id, stage: otherStage },
    });
    expect(moved.body).toMatchObject({ pipelineId: other.body.id, stage: otherStage });
  });
});

describe("listing deals", () => {
  it("filters by pipeline, stage, status, assignee, contact, value range and rotting", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const otherContact = await insertContact(api, owner.organization.id, "João");
    const agent = await api.member(token, "agent");
    const [s0, s1] = [stageAt(pipeline, 0).id, stageAt(pipeline, 1).id];
    const small = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: s0,
      value: { amount: "100" },
    });
    const big = await createDeal(api, token, {
      contactId: otherContact,
      pipelineId: pipeline.id,
      stage: s1,
      value: { amount: "5000" },
      assigneeId: agent.user.id,
    });
    const dollars = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: s1,
      value: { amount: "300", currency: "USD" },
    });
    await api.rest("PATCH", `/deals/${dollars.id}`, { token, body: { status: "won" } });
    await ageDeal(api, small.id, 30);

    const ids = async (query: string) => {
      const res = await api.rest<PageDto<DealDto>>("GET", `/deals?${query}`, { token });
      expect(res.status, query).toBe(200);
      return res.body.items.map((d) => d.id).sort();
    };
    expect(await ids("")).toEqual([small.id, big.id, dollars.id].sort());
    expect(await ids(`pipelineId=${pipeline.id}&stage=${s1}`)).toEqual([big.id, dollars.id].sort());
    expect(await ids("status=won")).toEqual([dollars.id]);
    expect(await ids(`assigneeId=${agent.user.id}`)).toEqual([big.id]);
    expect(await ids(`contactId=${contactId}`)).toEqual([small.id, dollars.id].sort());
    expect(await ids("currency=BRL&valueMin=100&valueMax=1000")).toEqual([small.id]);
    expect(await ids("currency=BRL&valueMin=100.01")).toEqual([big.id]);
    expect(await ids("currency=USD")).toEqual([dollars.id]);
    expect(await ids("rotting=true")).toEqual([small.id]);
    expect(await ids("rotting=false")).toEqual([big.id, dollars.id].sort());

    const rotting = await api.rest<PageDto<DealDto>>("GET", "/deals?rotting=true", { token });
    expect(rotting.body.items[0]?.rotting).toBe(true);

    expect((await api.rest("GET", "/deals?valueMin=10", { token })).status).toBe(400);
    expect((await api.rest("GET", "/deals?currency=BRL&valueMin=abc", { token })).status).toBe(400);
    expect((await api.rest("GET", "/deals?currency=BRL&valueMin=10&valueMax=5", { token })).status).toBe(400);
    expect((await api.rest("GET", "/deals?status=maybe", { token })).status).toBe(400);
    expect((await api.rest("GET", "/deals?rotting=yes", { token })).status).toBe(400);
  });

  it("pages newest first with a cursor", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        (
          await createDeal(api, token, {
            contactId,
            pipelineId: pipeline.id,
            stage: stageAt(pipeline, 0).id,
            title: `D${i}`,
          })
        ).id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await api.rest<PageDto<DealDto>>("GET", `/deals?limit=2${query}`, { token });
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((d) => d.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created.toReversed());
    expect((await api.rest("GET", "/deals?cursor=garbage", { token })).status).toBe(400);
  });
});

describe("activities", () => {
  it("records notes, calls, meetings and tasks; tasks are marked done; newest first, paged", async () => {
    const { owner, token } = await workspace(api);
    const deal = await dealOf(api, token);
    const recorder = recordDealEvents(api, owner.organization.id);
    const note = await api.rest<ActivityDto>("POST", `/deals/${deal.id}/activities`, {
      token,
      body: { type: "note", content: "Asked for a discount" },
    });
    expect(note.status).toBe(200);
    expect(note.body).toMatchObject({
      type: "note",
      content: "Asked for a discount",
      dueAt: null,
      done: false,
      actorId: owner.user.id,
    });
    await recorder.expectEvent(deal.id, ["activity"]);

    const dueAt = "2030-05-01T13:00:00.000Z";
    const task = await api.rest<ActivityDto>("POST", `/deals/${deal.id}/activities`, {
      token,
      body: { type: "task", content: "Send the proposal", dueAt },
    });
    expect(task.body).toMatchObject({ type: "task", dueAt, done: false, doneAt: null });
    await api.rest("POST", `/deals/${deal.id}/activities`, {
      token,
      body: { type: "call", content: "Called" },
    });

    const done = await api.rest<ActivityDto>("PATCH", `/deals/${deal.id}/activities/${task.body.id}`, {
      token,
      body: { done: true },
    });
    expect(done.body.done).toBe(true);
    expect(done.body.doneAt).not.toBeNull();
    const undone = await api.rest<ActivityDto>("PATCH", `/deals/${deal.id}/activities/${task.body.id}`, {
      token,
      body: { done: false },
    });
    expect(undone.body).toMatchObject({ done: false, doneAt: null });

    expect(
      (
        await api.rest("PATCH", `/deals/${deal.id}/activities/${note.body.id}`, {
          token,
          body: { done: true },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.rest("POST", `/deals/${deal.id}/activities`, {
          token,
          body: { type: "note", content: "x", dueAt },
        })
      ).status,
    ).toBe(400);
    expect(
      (await api.rest("POST", `/deals/${deal.id}/activities`, { token, body: { type: "won", content: "x" } }))
        .status,
    ).toBe(400);
    expect(
      (
        await api.rest("POST", `/deals/${deal.id}/activities`, {
          token,
          body: { type: "note", content: "  " },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.rest("PATCH", `/deals/${deal.id}/activities/${randomUUID()}`, {
          token,
          body: { done: true },
        })
      ).status,
    ).toBe(404);

    const first = await api.rest<PageDto<ActivityDto>>("GET", `/deals/${deal.id}/activities?limit=2`, {
      token,
    });
    expect(first.body.items.map((a) => a.type)).toEqual(["call", "task"]);
    const rest = await api.rest<PageDto<ActivityDto>>(
      "GET",
      `/deals/${deal.id}/activities?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? "")}`,
      { token },
    );
    expect(rest.body.items.map((a) => a.type)).toEqual(["note", "created"]);
    expect(rest.body.nextCursor).toBeNull();
    recorder.stop();
  });
});

describe("deleting", () => {
  it("deletes a deal with its activities and announces it", async () => {
    const { owner, token } = await workspace(api);
    const deal = await dealOf(api, token);
    const recorder = recordDealEvents(api, owner.organization.id);
    expect((await api.rest("DELETE", `/deals/${deal.id}`, { token })).status).toBe(200);
    expect((await api.rest("GET", `/deals/${deal.id}`, { token })).status).toBe(404);
    expect((await api.rest("GET", `/deals/${deal.id}/activities`, { token })).status).toBe(404);
    const rows = await api.container.db.db
      .selectFrom("deal_activities")
      .select("id")
      .where("deal_id", "=", deal.id)
      .execute();
    expect(rows).toEqual([]);
    await recorder.expectEvent(deal.id, ["deleted"]);
    recorder.stop();
    expect((await api.rest("DELETE", `/deals/${deal.id}`, { token })).status).toBe(404);
  });
});

describe("permissions", () => {
  it("lets a viewer read but not write, and an agent write but not delete", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const viewer = await api.member(token, "viewer");
    const agent = await api.member(token, "agent");
    const admin = await api.member(token, "admin");
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const body = {
      title: "By viewer",
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
      value: { amount: "1" },
    };

    expect((await api.rest("GET", `/deals/${deal.id}`, { token: viewer.token })).status).toBe(200);
    expect((await api.rest("GET", "/deals", { token: viewer.token })).status).toBe(200);
    expect((await api.rest("POST", "/deals", { token: viewer.token, body })).status).toBe(403);
    expect(
      (await api.rest("PATCH", `/deals/${deal.id}`, { token: viewer.token, body: { status: "won" } })).status,
    ).toBe(403);
    expect(
      (
        await api.rest("POST", `/deals/${deal.id}/activities`, {
          token: viewer.token,
          body: { type: "note", content: "x" },
        })
      ).status,
    ).toBe(403);

    expect((await api.rest("POST", "/deals", { token: agent.token, body })).status).toBe(200);
    expect(
      (await api.rest("PATCH", `/deals/${deal.id}`, { token: agent.token, body: { title: "Agent" } })).status,
    ).toBe(200);
    expect((await api.rest("DELETE", `/deals/${deal.id}`, { token: agent.token })).status).toBe(403);
    expect((await api.rest("DELETE", `/deals/${deal.id}`, { token: admin.token })).status).toBe(200);
  });
});

describe("tenant isolation", () => {
  it("answers 404 to another organization for every deal procedure taking an id", async () => {
    await expectTenantIsolation(api, async (token) => (await dealOf(api, token)).id, [
      { name: "GET /deals/{id}", call: (token, id) => api.rest("GET", `/deals/${id}`, { token }) },
      {
        name: "PATCH /deals/{id}",
        call: (token, id) => api.rest("PATCH", `/deals/${id}`, { token, body: { title: "Hijacked" } }),
      },
      { name: "DELETE /deals/{id}", call: (token, id) => api.rest("DELETE", `/deals/${id}`, { token }) },
      {
        name: "GET /deals/{id}/activities",
        call: (token, id) => api.rest("GET", `/deals/${id}/activities`, { token }),
      },
      {
        name: "POST /deals/{id}/activities",
        call: (token, id) =>
          api.rest("POST", `/deals/${id}/activities`, { token, body: { type: "note", content: "Hi" } }),
      },
    ]);
    await expectTenantIsolation(
      api,
      async (token) => {
        const deal = await dealOf(api, token);
        const task = await api.rest<ActivityDto>("POST", `/deals/${deal.id}/activities`, {
          token,
          body: { type: "task", content: "Follow up" },
        });
        return `${deal.id}/activities/${task.body.id}`;
      },
      [
        {
          name: "PATCH /deals/{id}/activities/{activityId}",
          call: (token, path) => api.rest("PATCH", `/deals/${path}`, { token, body: { done: true } }),
        },
      ],
    );
  });

  it("answers 404 for another organization's deal over tRPC too", async () => {
    const home = await workspace(api);
    const stranger = await api.register();
    const deal = await dealOf(api, home.token);
    await expect(api.trpc(stranger.token).deals.get.query({ id: deal.id })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
    const pipeline = await firstPipeline(api, home.token);
    await expect(
      api.trpc(stranger.token).pipelines.board.query({ pipelineId: pipeline.id }),
    ).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
  });
});
