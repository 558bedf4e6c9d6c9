import type { lostReason, lostReasonSummary } from "@crm/contracts";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  activitiesOf,
  createDeal,
  createPipeline,
  type DealDto,
  type ErrorDto,
  type PageDto,
  stageAt,
  workspace,
} from "../deals/deal-fixtures";

const api = useTestApi();

type LostReasonDto = z.output<typeof lostReason>;
type SummaryDto = z.output<typeof lostReasonSummary>;

async function reasonsOf(token: string, query = ""): Promise<LostReasonDto[]> {
  const res = await api.rest<PageDto<LostReasonDto>>("GET", `/lost-reasons${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

async function reasonNamed(token: string, name: string): Promise<LostReasonDto> {
  const found = (await reasonsOf(token)).find((reason) => reason.name === name);
  if (!found) throw new Error(`no lost reason ${name}`);
  return found;
}

const createReason = (token: string, name: string) =>
  api.rest<LostReasonDto>("POST", "/lost-reasons", { token, body: { name } });

const patchReason = (token: string, id: string, body: Record<string, unknown>) =>
  api.rest<LostReasonDto>("PATCH", `/lost-reasons/${id}`, { token, body });

describe("the default lost reasons", () => {
  it("are created with the organization, in Portuguese for a pt-BR organization", async () => {
    const owner = await api.register();
    const reasons = await reasonsOf(owner.token);
    expect(reasons.map((reason) => [reason.name, reason.position, reason.archived])).toEqual([
      ["Preço", 0, false],
      ["Escolheu um concorrente", 1, false],
      ["Sem resposta", 2, false],
      ["Sem orçamento", 3, false],
      ["Momento errado", 4, false],
    ]);
  });
});

describe("managing the list", () => {
  it("adds at the end, refuses a name taken in another letter case, renames, moves and archives", async () => {
    const { token } = await workspace(api);
    const created = await createReason(token, "  Cliente fechou a empresa ");
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: "Cliente fechou a empresa", position: 5, archived: false });

    const taken = await api.rest<ErrorDto>("POST", "/lost-reasons", { token, body: { name: "PREÇO" } });
    expect(taken.status).toBe(409);
    expect(taken.body.data.fieldErrors).toHaveProperty("name");
    expect((await api.rest<ErrorDto>("POST", "/lost-reasons", { token, body: { name: "  " } })).status).toBe(
      400,
    );

    const renamed = await patchReason(token, created.body.id, { name: "Empresa fechou" });
    expect(renamed.body.name).toBe("Empresa fechou");
    const clash = await patchReason(token, created.body.id, { name: "sem resposta" });
    expect(clash.status).toBe(409);

    const moved = await patchReason(token, created.body.id, { position: 1 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await reasonsOf(token)).map((reason) => [reason.name, reason.position])).toEqual([
      ["Preço", 0],
      ["Empresa fechou", 1],
      ["Escolheu um concorrente", 2],
      ["Sem resposta", 3],
      ["Sem orçamento", 4],
      ["Momento errado", 5],
    ]);

    const pastTheEnd = await api.rest<ErrorDto>("PATCH", `/lost-reasons/${created.body.id}`, {
      token,
      body: { position: 6 },
    });
    expect(pastTheEnd.status).toBe(400);
    expect(pastTheEnd.body.data).toMatchObject({
      appCode: "VALIDATION_FAILED",
      fieldErrors: { position: [expect.stringContaining("between 0 and 5")] },
      fieldReasons: { position: "out_of_range" },
    });
    expect((await reasonsOf(token)).map((reason) => reason.name)[1]).toBe("Empresa fechou");

    const archived = await patchReason(token, created.body.id, { archived: true });
    expect(archived.body).toMatchObject({ archived: true, archivedAt: expect.any(String) });
    expect((await reasonsOf(token, "?archived=false")).map((r) => r.name)).not.toContain("Empresa fechou");
    expect((await reasonsOf(token, "?archived=true")).map((r) => r.name)).toEqual(["Empresa fechou"]);
    const back = await patchReason(token, created.body.id, { archived: false });
    expect(back.body).toMatchObject({ archived: false, archivedAt: null });
  });

  it("lets everyone who reads deals list the reasons, and only who manages pipelines change them", async () => {
    const { token } = await workspace(api);
    const viewer = await api.member(token, "viewer");
    const agent = await api.member(token, "agent");
    const admin = await api.member(token, "admin");
    const price = await reasonNamed(token, "Preço");
    for (const member of [viewer, agent]) {
      expect((await reasonsOf(member.token)).length).toBe(5);
      expect((await createReason(member.token, "Outro")).status).toBe(403);
      expect((await patchReason(member.token, price.id, { name: "Valor" })).status).toBe(403);
      expect((await patchReason(member.token, price.id, { archived: true })).status).toBe(403);
    }
    expect((await createReason(admin.token, "Outro")).status).toBe(201);
    expect((await patchReason(admin.token, price.id, { name: "Valor" })).status).toBe(200);
  });

  it("answers 404 to another organization's reason", async () => {
    let n = 0;
    const reasonOf = async (token: string) => (await createReason(token, `Motivo ${++n}`)).body.id;
    await expectTenantIsolation(api, reasonOf, [
      {
        name: "PATCH /lost-reasons/{id}",
        call: (token, id) => patchReason(token, id, { name: "Roubado" }),
      },
      {
        name: "PATCH /lost-reasons/{id} archived",
        call: (token, id) => patchReason(token, id, { archived: true }),
      },
    ]);
  });
});

describe("losing a deal for a predefined reason", () => {
  it("takes the reason's name as the text when no text is given, and keeps a note given with it", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const price = await reasonNamed(token, "Preço");
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const lost = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { status: "lost", lostReasonId: price.id },
    });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    expect(lost.body).toMatchObject({ status: "lost", lostReason: "Preço", lostReasonId: price.id });
    const [activity] = await activitiesOf(api, token, deal.id);
    expect(activity).toMatchObject({
      type: "lost",
      data: { lostReason: "Preço", lostReasonId: price.id, lostReasonName: "Preço" },
    });

    const other = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const noted = await api.rest<DealDto>("PATCH", `/deals/${other.id}`, {
      token,
      body: { status: "lost", lostReasonId: price.id, lostReason: "Pediu 30% de desconto" },
    });
    expect(noted.body).toMatchObject({ lostReason: "Pediu 30% de desconto", lostReasonId: price.id });

    // the free-text API still works, without a predefined reason
    const third = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const text = await api.rest<DealDto>("PATCH", `/deals/${third.id}`, {
      token,
      body: { status: "lost", lostReason: "Outro motivo" },
    });
    expect(text.body).toMatchObject({ lostReason: "Outro motivo", lostReasonId: null });

    const reopened = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { status: "open" },
    });
    expect(reopened.body).toMatchObject({ lostReason: null, lostReasonId: null });
  });

  it("refuses an archived, unknown or other organization's reason, changing nothing", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const stranger = await workspace(api);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const lose = (lostReasonId: string) =>
      api.rest<ErrorDto>("PATCH", `/deals/${deal.id}`, { token, body: { status: "lost", lostReasonId } });

    const late = await reasonNamed(token, "Momento errado");
    await patchReason(token, late.id, { archived: true });
    const archived = await lose(late.id);
    expect(archived.status).toBe(400);
    expect(archived.body.data.fieldErrors).toHaveProperty("lostReasonId");
    expect(archived.body.message).toContain("archived");

    const foreign = await lose((await reasonNamed(stranger.token, "Preço")).id);
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toContain("Lost reason");
    expect((await lose("00000000-0000-4000-8000-000000000000")).status).toBe(404);

    const open = await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(open.body).toMatchObject({ status: "open", lostReason: null, lostReasonId: null });
    const notLost = await api.rest<ErrorDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { lostReasonId: (await reasonNamed(token, "Preço")).id },
    });
    expect(notLost.status).toBe(400);
  });
});

describe("reporting on lost reasons", () => {
  it("filters the deals list by reason and totals lost deals per reason and currency", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const other = await createPipeline(api, token, { name: "Parcerias", stages: [{ name: "Contato" }] });
    const price = await reasonNamed(token, "Preço");
    const silence = await reasonNamed(token, "Sem resposta");
    const lose = async (
      reasonId: string | undefined,
      value: { amount: string; currency?: string },
      where = pipeline,
    ) => {
      const deal = await createDeal(api, token, {
        contactId,
        pipelineId: where.id,
        stage: stageAt(where, 0).id,
        value,
      });
      const body = reasonId
        ? { status: "lost", lostReasonId: reasonId }
        : { status: "lost", lostReason: "Outro" };
      const res = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, { token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const a = await lose(price.id, { amount: "100.00" });
    const b = await lose(price.id, { amount: "50.50" });
    const c = await lose(price.id, { amount: "20.00", currency: "USD" });
    await lose(silence.id, { amount: "10.00" }, other);
    await lose(undefined, { amount: "7.00" });

    const listed = await api.rest<PageDto<DealDto>>("GET", `/deals?lostReasonId=${price.id}`, { token });
    expect(listed.body.items.map((deal) => deal.id).sort()).toEqual([a.id, b.id, c.id].sort());

    const summary = await api.rest<SummaryDto>("GET", "/lost-reasons/summary", { token });
    expect(summary.status, JSON.stringify(summary.body)).toBe(200);
    const byName = new Map(summary.body.items.map((item) => [item.name, item]));
    expect(byName.get("Preço")).toEqual({
      lostReasonId: price.id,
      name: "Preço",
      archived: false,
      count: 3,
      totals: [
        { amount: "150.50", currency: "BRL", count: 2 },
        { amount: "20.00", currency: "USD", count: 1 },
      ],
    });
    expect(byName.get("Sem resposta")).toMatchObject({
      count: 1,
      totals: [{ amount: "10.00", currency: "BRL" }],
    });
    expect(byName.get("Sem orçamento")).toMatchObject({ count: 0, totals: [] });
    expect(summary.body.items.at(-1)).toMatchObject({ lostReasonId: null, name: null, count: 1 });

    const inOther = await api.rest<SummaryDto>("GET", `/lost-reasons/summary?pipelineId=${other.id}`, {
      token,
    });
    expect(inOther.body.items.filter((item) => item.count > 0).map((item) => item.name)).toEqual([
      "Sem resposta",
    ]);

    const future = new Date(Date.now() + 86_400_000).toISOString();
    const later = await api.rest<SummaryDto>(
      "GET",
      `/lost-reasons/summary?lostFrom=${encodeURIComponent(future)}`,
      { token },
    );
    expect(later.body.items.every((item) => item.count === 0)).toBe(true);
    const backwards = await api.rest<ErrorDto>(
      "GET",
      `/lost-reasons/summary?lostFrom=${encodeURIComponent(future)}&lostTo=${encodeURIComponent(a.createdAt)}`,
      { token },
    );
    expect(backwards.status).toBe(400);
  });

  it("counts only the caller's organization", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const stranger = await workspace(api);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const price = await reasonNamed(token, "Preço");
    await api.rest("PATCH", `/deals/${deal.id}`, { token, body: { status: "lost", lostReasonId: price.id } });
    const theirs = await api.rest<SummaryDto>("GET", "/lost-reasons/summary", { token: stranger.token });
    expect(theirs.body.items.every((item) => item.count === 0)).toBe(true);
    const filtered = await api.rest<PageDto<DealDto>>("GET", `/deals?lostReasonId=${price.id}`, {
      token: stranger.token,
    });
    expect(filtered.body.items).toEqual([]);
  });
});
