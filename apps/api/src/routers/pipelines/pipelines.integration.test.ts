import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  createDeal,
  createPipeline,
  type ErrorDto,
  firstPipeline,
  type PageDto,
  type PipelineDto,
  stageAt,
  workspace,
} from "../deals/deal-fixtures";

const api = useTestApi();

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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
    const created = await createPipeline(api, token, {
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
    await createPipeline(api, token, { name: "Third", stages: [{ name: "Only" }] });

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

  it("lets viewers and agents read pipelines but only owners and admins change them; agents still move deals", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const viewer = await api.member(token, "viewer");
    const agent = await api.member(token, "agent");
    const admin = await api.member(token, "admin");
    expect((await api.rest("GET", `/pipelines/${pipeline.id}`, { token: viewer.token })).status).toBe(200);
    expect((await api.rest("GET", `/pipelines/${pipeline.id}/board`, { token: viewer.token })).status).toBe(
      200,
    );
    const renamed = pipeline.stages.map((s) => ({ id: s.id, name: `${s.name}!` }));
    for (const member of [viewer, agent]) {
      const created = await api.rest<ErrorDto>("POST", "/pipelines", {
        token: member.token,
        body: { name: "x", stages: [{ name: "y" }] },
      });
      expect(created.status).toBe(403);
      expect(created.body.message).toContain("organizations:write");
      for (const body of [{ name: "x" }, { stages: renamed }]) {
        const patched = await api.rest("PATCH", `/pipelines/${pipeline.id}`, { token: member.token, body });
        expect(patched.status).toBe(403);
      }
      expect((await api.rest("DELETE", `/pipelines/${pipeline.id}`, { token: member.token })).status).toBe(
        403,
      );
    }
    expect((await api.rest<PipelineDto>("GET", `/pipelines/${pipeline.id}`, { token })).body.stages).toEqual(
      pipeline.stages,
    );

    const deal = await createDeal(api, agent.token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const moved = await api.rest("PATCH", `/deals/${deal.id}`, {
      token: agent.token,
      body: { stage: stageAt(pipeline, 1).id },
    });
    expect(moved.status).toBe(200);

    const byAdmin = await api.rest<PipelineDto>("PATCH", `/pipelines/${pipeline.id}`, {
      token: admin.token,
      body: { stages: renamed },
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.stages.map((s) => s.name)).toEqual(renamed.map((s) => s.name));
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
