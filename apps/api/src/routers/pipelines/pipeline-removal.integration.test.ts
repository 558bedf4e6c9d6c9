import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  activitiesOf,
  createDeal,
  createPipeline,
  type DealDto,
  type ErrorDto,
  type PipelineDto,
  recordDealEvents,
  stageAt,
  workspace,
} from "../deals/deal-fixtures";

const api = useTestApi();

describe("removing stages", () => {
  it("removes an empty stage without a target", async () => {
    const { token, pipeline } = await workspace(api);
    const kept = pipeline.stages.slice(1).map((s) => ({ id: s.id }));
    const res = await api.rest<PipelineDto>("PATCH", `/pipelines/${pipeline.id}`, {
      token,
      body: { stages: kept },
    });
    expect(res.status).toBe(200);
    expect(res.body.stages.map((s) => s.id)).toEqual(kept.map((s) => s.id));
  });

  it("refuses to remove a stage with deals unless told where they go; then moves them with activities", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const [doomed, target] = [stageAt(pipeline, 0), stageAt(pipeline, 1)];
    const deals = [
      await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: doomed.id }),
      await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: doomed.id }),
    ];
    const kept = pipeline.stages.slice(1).map((s) => ({ id: s.id }));

    const refused = await api.rest<ErrorDto>("PATCH", `/pipelines/${pipeline.id}`, {
      token,
      body: { name: "Renamed too", stages: kept },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(`"${doomed.name}" still has 2 deals`);
    expect(refused.body.message).toContain("moveDealsToStageId");
    expect((await api.rest<PipelineDto>("GET", `/pipelines/${pipeline.id}`, { token })).body).toEqual(
      pipeline,
    );

    const toRemoved = await api.rest("PATCH", `/pipelines/${pipeline.id}`, {
      token,
      body: { stages: kept, moveDealsToStageId: doomed.id },
    });
    expect(toRemoved.status).toBe(400);
    const toUnknown = await api.rest("PATCH", `/pipelines/${pipeline.id}`, {
      token,
      body: { stages: kept, moveDealsToStageId: randomUUID() },
    });
    expect(toUnknown.status).toBe(400);

    const recorder = recordDealEvents(api, owner.organization.id);
    const res = await api.rest<PipelineDto>("PATCH", `/pipelines/${pipeline.id}`, {
      token,
      body: { stages: kept, moveDealsToStageId: target.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.stages.map((s) => s.id)).not.toContain(doomed.id);
    for (const deal of deals) {
      expect((await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body.stage).toBe(target.id);
      const [moved] = await activitiesOf(api, token, deal.id);
      expect(moved).toMatchObject({
        type: "stage_changed",
        data: {
          from: { stageId: doomed.id, stageName: doomed.name },
          to: { stageId: target.id, stageName: target.name },
          reason: "stage_removed",
        },
      });
      await recorder.expectEvent(deal.id, ["stage"]);
    }
    recorder.stop();
  });
});

describe("deleting pipelines", () => {
  it("deletes an empty pipeline; one with deals needs a stage of another pipeline to move them to", async () => {
    const { token, contactId, pipeline: main } = await workspace(api);
    const empty = await createPipeline(api, token, { name: "Empty", stages: [{ name: "Only" }] });
    expect((await api.rest("DELETE", `/pipelines/${empty.id}`, { token })).status).toBe(200);
    expect((await api.rest("GET", `/pipelines/${empty.id}`, { token })).status).toBe(404);

    const other = await createPipeline(api, token, { name: "Other", stages: [{ name: "A" }, { name: "B" }] });
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: other.id,
      stage: stageAt(other, 1).id,
    });

    const refused = await api.rest<ErrorDto>("DELETE", `/pipelines/${other.id}`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain("still has 1 open deal");
    const sameTarget = await api.rest(
      "DELETE",
      `/pipelines/${other.id}?moveDealsToStageId=${stageAt(other, 0).id}`,
      { token },
    );
    expect(sameTarget.status).toBe(400);
    expect((await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body.pipelineId).toBe(other.id);

    const target = stageAt(main, 2);
    const res = await api.rest("DELETE", `/pipelines/${other.id}?moveDealsToStageId=${target.id}`, { token });
    expect(res.status).toBe(200);
    expect((await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body).toMatchObject({
      pipelineId: main.id,
      stage: target.id,
    });
    const [moved] = await activitiesOf(api, token, deal.id);
    expect(moved).toMatchObject({
      type: "stage_changed",
      data: {
        from: { pipelineId: other.id, pipelineName: other.name, stageName: "B" },
        to: { pipelineId: main.id, pipelineName: main.name, stageName: target.name },
        reason: "pipeline_removed",
      },
    });
    expect((await api.rest("GET", `/pipelines/${other.id}`, { token })).status).toBe(404);
  });

  it("counts a pipeline's deals by status beforehand, and names the won and lost ones when they block its deletion", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const counts = (id: string, as = token) =>
      api.rest<{ open: number; won: number; lost: number }>("GET", `/pipelines/${id}/deal-counts`, {
        token: as,
      });
    expect((await counts(pipeline.id)).body).toEqual({ open: 0, won: 0, lost: 0 });
    const won = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    expect((await api.rest("PATCH", `/deals/${won.id}`, { token, body: { status: "won" } })).status).toBe(
      200,
    );
    const lost = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 1).id,
    });
    const lostRes = await api.rest("PATCH", `/deals/${lost.id}`, {
      token,
      body: { status: "lost", lostReason: "Price" },
    });
    expect(lostRes.status).toBe(200);
    await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: stageAt(pipeline, 1).id });
    await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: stageAt(pipeline, 2).id });
    const viewer = await api.member(token, "viewer");
    expect((await counts(pipeline.id, viewer.token)).body).toEqual({ open: 2, won: 1, lost: 1 });

    // a board showing no open deal still has its won one: the refusal says so
    const other = await createPipeline(api, token, { name: "Eventos", stages: [{ name: "A" }] });
    const closed = await createDeal(api, token, {
      contactId,
      pipelineId: other.id,
      stage: stageAt(other, 0).id,
    });
    await api.rest("PATCH", `/deals/${closed.id}`, { token, body: { status: "won" } });
    expect((await counts(other.id)).body).toEqual({ open: 0, won: 1, lost: 0 });
    const refused = await api.rest<ErrorDto>("DELETE", `/pipelines/${other.id}`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('Pipeline "Eventos" still has 1 won deal:');
    const mixed = await api.rest<ErrorDto>("DELETE", `/pipelines/${pipeline.id}`, { token });
    expect(mixed.body.message).toContain("still has 2 open deals, 1 won deal, 1 lost deal:");

    expect((await counts(randomUUID())).status).toBe(404);
    const stranger = await api.register();
    expect((await counts(pipeline.id, stranger.token)).status).toBe(404);
  });
});
