import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  activitiesOf,
  ageDeal,
  createDeal,
  type DealDto,
  type ErrorDto,
  firstPipeline,
  type PageDto,
  type PipelineDto,
  recordDealEvents,
  stageAt,
  workspace,
} from "../deals/deal-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function createPipeline(token: string, body: Record<string, unknown>): Promise<PipelineDto> {
  const res = await api.rest<PipelineDto>("POST", "/pipelines", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe("the default pipeline", () => {
  it("is created with the organization, in Portuguese for a pt-BR organization", async () => {
    const owner = await api.register();
    expect(owner.organization.locale).toBe("pt-BR");
    const list = await api.rest<PageDto<PipelineDto>>("GET", "/pipelines", { token: owner.token });
    expect(list.body.items).toHaveLength(1);
    const [pipeline] = list.body.items;
    expect(pipeline).toMatchObject({ name: "Funil de vendas", winOnPayment: true });
    expect(pipeline?.stages.map((s) => s.name)).toEqual([
      "Novo lead",
      "Qualificado",
      "Proposta",
      "Negociação",
    ]);
    expect(pipeline?.stages.map((s) => s.order)).toEqual([0, 1, 2, 3]);
    for (const stage of pipeline?.stages ?? []) {
      expect(stage.id).toMatch(uuid);
      expect(stage.probability).toBeGreaterThanOrEqual(0);
      expect(stage.probability).toBeLessThanOrEqual(100);
      expect(stage.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(stage.rottingDays).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("creating and editing pipelines", () => {
  it("creates a pipeline whose stages get ids; lists oldest first with a cursor", async () => {
    const { token, pipeline: first } = await workspace(api);
    const created = await createPipeline(token, {
      name: "Parcerias",
      winOnPayment: false,
      stages: [{ name: "Contato" }, { name: "Contrato", probability: 90, rottingDays: 30, color: "#ABCDEF" }],
    });
    expect(created).toMatchObject({ name: "Parcerias", winOnPayment: false });
    expect(created.stages).toEqual([
      {
        id: expect.stringMatching(uuid),
        name: "Contato",
        order: 0,
        color: expect.any(String),
        probability: 0,
        rottingDays: null,
      },
      {
        id: expect.stringMatching(uuid),
        name: "Contrato",
        order: 1,
        color: "#abcdef",
        probability: 90,
        rottingDays: 30,
      },
    ]);
    await createPipeline(token, { name: "Third", stages: [{ name: "Only" }] });

    const page = await api.rest<PageDto<PipelineDto>>("GET", "/pipelines?limit=2", { token });
    expect(page.body.items.map((p) => p.id)).toEqual([first.id, created.id]);
    const next = await api.rest<PageDto<PipelineDto>>(
      "GET",
      `/pipelines?limit=2&cursor=${encodeURIComponent(page.body.nextCursor ?? "")}`,
      { token },
    );
    expect(next.body.items.map((p) => p.name)).toEqual(["Third"]);
    expect(next.body.nextCursor).toBeNull();
    expect((await api.rest<PipelineDto>("GET", `/pipelines/${created.id}`, { token })).body).toEqual(created);
  });

  it("keeps stage ids through renames and reorders, creates stages without ids, keeps fields left out", async () => {
    const { token, pipeline } = await workspace(api);
    const [a, b, c, d] = pipeline.stages;
    if (!a || !b || !c || !d) throw new Error("default pipeline changed");
    const res = await api.rest<PipelineDto>("PATCH", `/pipelines/${pipeline.id}`, {
      token,
      body: {
        name: "Vendas B2B",
        winOnPayment: false,
        stages: [
          { id: b.id, name: "Qualificado (MQL)" },
          { id: a.id },
          { name: "Demo", rottingDays: 5 },
          { id: c.id },
          { id: d.id, rottingDays: null },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Vendas B2B", winOnPayment: false });
    expect(res.body.stages.map((s) => s.id).filter((id) => id !== res.body.stages[2]?.id)).toEqual([
      b.id,
      a.id,
      c.id,
      d.id,
    ]);
    expect(res.body.stages[0]).toEqual({ ...b, name: "Qualificado (MQL)", order: 0 });
    expect(res.body.stages[1]).toEqual({ ...a, order: 1 });
    expect(res.body.stages[2]).toMatchObject({
      id: expect.stringMatching(uuid),
      name: "Demo",
      order: 2,
      rottingDays: 5,
    });
    expect(res.body.stages[4]).toEqual({ ...d, order: 4, rottingDays: null });
  });

  it("refuses invalid stage lists with field errors and changes nothing", async () => {
    const { token, pipeline } = await workspace(api);
    const stage = stageAt(pipeline, 0);
    const cases: Array<[unknown, string]> = [
      [[{ id: randomUUID(), name: "Ghost" }], "stages.0.id"],
      [[{ id: stage.id }, { id: stage.id }], "stages.1.id"],
      [[{ name: "Same" }, { name: "same" }], "stages.1.name"],
      [[{ name: "Rots", rottingDays: 0 }], "stages.0.rottingDays"],
      [[{ name: "Sure", probability: 101 }], "stages.0.probability"],
      [[{ name: "Red", color: "red" }], "stages.0.color"],
      [[{ probability: 5 }], "stages.0.name"],
      [[], "stages"],
    ];
    for (const [stages, field] of cases) {
      const res = await api.rest<ErrorDto>("PATCH", `/pipelines/${pipeline.id}`, { token, body: { stages } });
      expect(res.status, field).toBe(400);
      expect(Object.keys(res.body.data.fieldErrors ?? {}), field).toContain(field);
    }
    expect((await api.rest<PipelineDto>("GET", `/pipelines/${pipeline.id}`, { token })).body).toEqual(
      pipeline,
    );
    expect(
      (await api.rest("POST", "/pipelines", { token, body: { name: " ", stages: [{ name: "x" }] } })).status,
    ).toBe(400);
  });

  it("lets a viewer read but not write, and an agent edit stages but not remove them", async () => {
    const { token, pipeline } = await workspace(api);
    const viewer = await api.member(token, "viewer");
    const agent = await api.member(token, "agent");
    expect((await api.rest("GET", `/pipelines/${pipeline.id}`, { token: viewer.token })).status).toBe(200);
    expect((await api.rest("GET", `/pipelines/${pipeline.id}/board`, { token: viewer.token })).status).toBe(
      200,
    );
    expect(
      (
        await api.rest("POST", "/pipelines", {
          token: viewer.token,
          body: { name: "x", stages: [{ name: "y" }] },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.rest("PATCH", `/pipelines/${pipeline.id}`, { token: viewer.token, body: { name: "x" } }))
        .status,
    ).toBe(403);

    const renamed = pipeline.stages.map((s) => ({ id: s.id, name: `${s.name}!` }));
    expect(
      (
        await api.rest("PATCH", `/pipelines/${pipeline.id}`, {
          token: agent.token,
          body: { stages: renamed },
        })
      ).status,
    ).toBe(200);
    const removing = await api.rest("PATCH", `/pipelines/${pipeline.id}`, {
      token: agent.token,
      body: { stages: renamed.slice(1) },
    });
    expect(removing.status).toBe(403);
    expect((await api.rest("DELETE", `/pipelines/${pipeline.id}`, { token: agent.token })).status).toBe(403);
  });
});

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
    const empty = await createPipeline(token, { name: "Empty", stages: [{ name: "Only" }] });
    expect((await api.rest("DELETE", `/pipelines/${empty.id}`, { token })).status).toBe(200);
    expect((await api.rest("GET", `/pipelines/${empty.id}`, { token })).status).toBe(404);

    const other = await createPipeline(token, { name: "Other", stages: [{ name: "A" }, { name: "B" }] });
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: other.id,
      stage: stageAt(other, 1).id,
    });

    const refused = await api.rest<ErrorDto>("DELETE", `/pipelines/${other.id}`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain("still has 1 deal");
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
        from: { pipelineId: other.id, stageName: "B" },
        to: { pipelineId: main.id },
        reason: "pipeline_removed",
      },
    });
    expect((await api.rest("GET", `/pipelines/${other.id}`, { token })).status).toBe(404);
  });
});

describe("the board", () => {
  it("gives each stage its count and per-currency totals, summed exactly", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const [s0, s1] = [stageAt(pipeline, 0), stageAt(pipeline, 1)];
    const deal = (stage: string, amount: string, currency?: string) =>
      createDeal(api, token, { contactId, pipelineId: pipeline.id, stage, value: { amount, currency } });
    await deal(s0.id, "0.10");
    await deal(s0.id, "0.20");
    await deal(s0.id, "1500.00", "USD");
    await deal(s0.id, "9999999999999.99");
    await deal(s1.id, "500", "JPY");
    const closed = await deal(s1.id, "1000");
    await api.rest("PATCH", `/deals/${closed.id}`, { token, body: { status: "won" } });

    const board = await api.rest<{
      pipeline: PipelineDto;
      columns: Array<{
        stage: { id: string };
        count: number;
        totals: unknown[];
        deals: DealDto[];
        nextCursor: string | null;
      }>;
    }>("GET", `/pipelines/${pipeline.id}/board`, { token });
    expect(board.status).toBe(200);
    expect(board.body.pipeline.id).toBe(pipeline.id);
    expect(board.body.columns.map((c) => c.stage.id)).toEqual(pipeline.stages.map((s) => s.id));
    const [c0, c1, c2] = board.body.columns;
    expect(c0?.count).toBe(4);
    expect(c0?.totals).toEqual([
      { amount: "10000000000000.29", currency: "BRL" },
      { amount: "1500.00", currency: "USD" },
    ]);
    expect(c1).toMatchObject({ count: 1, totals: [{ amount: "500", currency: "JPY" }] });
    expect(c2).toMatchObject({ count: 0, totals: [], deals: [], nextCursor: null });

    const won = await api.rest<{ columns: Array<{ count: number; totals: unknown[] }> }>(
      "GET",
      `/pipelines/${pipeline.id}/board?status=won`,
      { token },
    );
    expect(won.body.columns[1]).toMatchObject({ count: 1, totals: [{ amount: "1000.00", currency: "BRL" }] });
  });

  it("pages each column with its own cursor, most recently entered first, and flags rotting deals", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const stage = stageAt(pipeline, 0);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          await createDeal(api, token, {
            contactId,
            pipelineId: pipeline.id,
            stage: stage.id,
            title: `D${i}`,
          })
        ).id,
      );
    }
    await ageDeal(api, ids[0] ?? "", (stage.rottingDays ?? 0) + 1);

    type Board = {
      columns: Array<{ stage: { id: string }; count: number; deals: DealDto[]; nextCursor: string | null }>;
    };
    const first = await api.rest<Board>("GET", `/pipelines/${pipeline.id}/board?limit=2`, { token });
    const column = first.body.columns[0];
    expect(column?.count).toBe(5);
    expect(column?.deals.map((d) => d.id)).toEqual([ids[4], ids[3]]);
    expect(column?.nextCursor).not.toBeNull();

    const seen = [...(column?.deals ?? [])];
    let cursor = column?.nextCursor ?? null;
    while (cursor) {
      const next = await api.rest<Board>(
        "GET",
        `/pipelines/${pipeline.id}/board?limit=2&stageId=${stage.id}&cursor=${encodeURIComponent(cursor)}`,
        { token },
      );
      expect(next.body.columns.map((c) => c.stage.id)).toEqual([stage.id]);
      seen.push(...(next.body.columns[0]?.deals ?? []));
      cursor = next.body.columns[0]?.nextCursor ?? null;
    }
    expect(seen.map((d) => d.id)).toEqual(ids.toReversed());
    expect(seen.filter((d) => d.rotting).map((d) => d.id)).toEqual([ids[0]]);

    const rotting = await api.rest<Board>("GET", `/pipelines/${pipeline.id}/board?rotting=true`, { token });
    expect(rotting.body.columns[0]).toMatchObject({ count: 1, deals: [{ id: ids[0], rotting: true }] });

    expect(
      (
        await api.rest("GET", `/pipelines/${pipeline.id}/board?cursor=${encodeURIComponent(cursor ?? "x")}`, {
          token,
        })
      ).status,
    ).toBe(400);
    expect(
      (await api.rest("GET", `/pipelines/${pipeline.id}/board?stageId=${randomUUID()}`, { token })).status,
    ).toBe(400);
  });

  it("filters the board by assignee and value", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const stage = stageAt(pipeline, 0).id;
    await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage, value: { amount: "50" } });
    const mine = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage,
      value: { amount: "700" },
      assigneeId: owner.user.id,
    });
    const byAssignee = await api.rest<{ columns: Array<{ count: number; deals: DealDto[] }> }>(
      "GET",
      `/pipelines/${pipeline.id}/board?assigneeId=${owner.user.id}`,
      { token },
    );
    expect(byAssignee.body.columns[0]).toMatchObject({ count: 1, deals: [{ id: mine.id }] });
    const byValue = await api.rest<{ columns: Array<{ count: number }> }>(
      "GET",
      `/pipelines/${pipeline.id}/board?currency=BRL&valueMin=100`,
      { token },
    );
    expect(byValue.body.columns[0]?.count).toBe(1);
  });
});

describe("tenant isolation", () => {
  it("answers 404 to another organization for every pipeline procedure taking an id", async () => {
    await expectTenantIsolation(api, async (token) => (await firstPipeline(api, token)).id, [
      { name: "GET /pipelines/{id}", call: (token, id) => api.rest("GET", `/pipelines/${id}`, { token }) },
      {
        name: "PATCH /pipelines/{id}",
        call: (token, id) => api.rest("PATCH", `/pipelines/${id}`, { token, body: { name: "Hijacked" } }),
      },
      {
        name: "GET /pipelines/{id}/board",
        call: (token, id) => api.rest("GET", `/pipelines/${id}/board`, { token }),
      },
      {
        name: "DELETE /pipelines/{id}",
        call: (token, id) => api.rest("DELETE", `/pipelines/${id}`, { token }),
      },
    ]);
  });

  it("will not move deals into another organization's stage", async () => {
    const home = await workspace(api);
    const stranger = await workspace(api);
    await createDeal(api, home.token, {
      contactId: home.contactId,
      pipelineId: home.pipeline.id,
      stage: stageAt(home.pipeline, 0).id,
    });
    const res = await api.rest(
      "DELETE",
      `/pipelines/${home.pipeline.id}?moveDealsToStageId=${stageAt(stranger.pipeline, 0).id}`,
      {
        token: home.token,
      },
    );
    expect(res.status).toBe(400);
  });
});
