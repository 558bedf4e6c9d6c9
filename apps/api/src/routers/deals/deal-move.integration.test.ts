import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  activitiesOf,
  ageDeal,
  createDeal,
  type DealDto,
  type ErrorDto,
  insertContact,
  recordDealEvents,
  stageAt,
  workspace,
} from "./deal-fixtures";

const api = useTestApi();

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
    // the value edit is audited too, in the same transaction
    expect(types).toEqual(["created", "fields_changed", "stage_changed", "won"]);
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
    const [latest] = await activitiesOf(api, token, deal.id);
    expect(latest, "a move between pipelines keeps both pipelines' names").toMatchObject({
      type: "stage_changed",
      data: {
        from: { pipelineId: pipeline.id, pipelineName: pipeline.name, stageName: stageAt(pipeline, 0).name },
        to: { pipelineId: other.body.id, pipelineName: "Renewals", stageName: "Due" },
      },
    });
  });
});

describe("editing fields", () => {
  it("changing the contact writes a contact_changed activity and announces it", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const recorder = recordDealEvents(api, owner.organization.id);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const otherContact = await insertContact(api, owner.organization.id, "João");

    const res = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { contactId: otherContact },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.contactId).toBe(otherContact);
    const [latest] = await activitiesOf(api, token, deal.id);
    expect(latest).toMatchObject({
      type: "contact_changed",
      actorId: owner.user.id,
      data: { fromContactId: contactId, toContactId: otherContact },
    });
    await recorder.expectEvent(deal.id, ["contact"]);
    recorder.stop();
  });

  it("refuses a negative, malformed or non-decimal value on edit and changes nothing", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const cases: Array<[unknown, string]> = [
      [{ amount: "-5.00" }, "value.amount"],
      [{ amount: "1,50" }, "value.amount"],
      [{ amount: 10 }, "value.amount"],
      [{ amount: "10", currency: "XYZ" }, "value.currency"],
    ];
    for (const [value, field] of cases) {
      const res = await api.rest<ErrorDto>("PATCH", `/deals/${deal.id}`, {
        token,
        body: { value, title: "Changed" },
      });
      expect(res.status, JSON.stringify(value)).toBe(400);
      expect(Object.keys(res.body.data.fieldErrors ?? {}), JSON.stringify(value)).toContain(field);
    }
    const after = await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(after.body).toMatchObject({ title: deal.title, value: deal.value });
    expect(await activitiesOf(api, token, deal.id)).toHaveLength(1);
  });
});
