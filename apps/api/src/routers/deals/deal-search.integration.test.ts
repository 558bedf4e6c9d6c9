import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  type BoardDto,
  createDeal,
  type DealDto,
  type ErrorDto,
  insertContact,
  type PageDto,
  stageAt,
  workspace,
} from "./deal-fixtures";

const api = useTestApi();

/** One organization's deals: a bakery by title, one by its contact's name, one by its contact's company. */
async function searchable() {
  const { owner, token, contactId, pipeline } = await workspace(api);
  const [lead, later] = [stageAt(pipeline, 0).id, stageAt(pipeline, 1).id];
  const erica = await insertContact(api, owner.organization.id, "Érica Gonçalves");
  const company = await api.container.db.db
    .insertInto("companies")
    .values({ organization_id: owner.organization.id, name: "Padaria do Zé" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const employee = await insertContact(api, owner.organization.id, "Marcos Lima");
  await api.container.db.db
    .updateTable("contacts")
    .set({ company_id: company.id })
    .where("id", "=", employee)
    .execute();
  const base = { pipelineId: pipeline.id, stage: lead };
  const bakery = await createDeal(api, token, { ...base, contactId, title: "Padaria São João" });
  const byContact = await createDeal(api, token, {
    ...base,
    contactId: erica,
    title: "Renewal",
    stage: later,
  });
  const byCompany = await createDeal(api, token, { ...base, contactId: employee, title: "Website" });
  await createDeal(api, token, { ...base, contactId, title: "Unrelated" });
  return { token, pipeline, lead, later, bakery, byContact, byCompany };
}

describe("searching deals over REST and tRPC", () => {
  it("lists the deals whose title, contact or company matches, accents and case aside", async () => {
    const { token, pipeline, lead, bakery, byContact, byCompany } = await searchable();
    const ids = async (query: string) => {
      const res = await api.rest<PageDto<DealDto>>("GET", `/deals?${query}`, { token });
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body.items.map((d) => d.id).sort();
    };
    expect(await ids("search=PADARIA")).toEqual([bakery.id, byCompany.id].sort());
    expect(await ids(`search=${encodeURIComponent("  sao joão ")}`)).toEqual([bakery.id]);
    expect(await ids("search=erica")).toEqual([byContact.id]);
    expect(await ids(`search=padaria&pipelineId=${pipeline.id}&stage=${lead}&limit=1`)).toHaveLength(1);
    // blank is no search
    expect(await ids("search=%20%20")).toHaveLength(4);

    const trpc = api.trpc(token);
    expect((await trpc.deals.list.query({ search: "zé" })).items.map((d) => d.id)).toEqual([byCompany.id]);

    // another organization with the same names finds only its own
    const stranger = await workspace(api);
    const res = await api.rest<PageDto<DealDto>>("GET", "/deals?search=padaria", { token: stranger.token });
    expect(res.body.items).toEqual([]);
  });

  it("narrows the board's columns, counts and totals to the matches", async () => {
    const { token, pipeline, lead, later, bakery, byCompany } = await searchable();
    const res = await api.rest<BoardDto>("GET", `/pipelines/${pipeline.id}/board?search=padaria`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const column = (board: BoardDto, stageId: string) => board.columns.find((c) => c.stage.id === stageId);
    expect(column(res.body, lead)).toMatchObject({
      count: 2,
      totals: [{ amount: "2000.00", currency: "BRL", count: 2 }],
    });
    expect(
      column(res.body, lead)
        ?.deals.map((d) => d.id)
        .sort(),
    ).toEqual([bakery.id, byCompany.id].sort());
    expect(column(res.body, later)).toMatchObject({ count: 0, totals: [], deals: [] });

    const board = await api.trpc(token).pipelines.board.query({ pipelineId: pipeline.id, search: "érica" });
    expect(column(board, later)).toMatchObject({ count: 1 });
    expect(column(board, lead)).toMatchObject({ count: 0 });
  });

  it("answers 400 to a search longer than 200 characters, on both protocols", async () => {
    const { token, pipeline } = await searchable();
    const long = "a".repeat(201);
    for (const path of [`/deals?search=${long}`, `/pipelines/${pipeline.id}/board?search=${long}`]) {
      const res = await api.rest<ErrorDto>("GET", path, { token });
      expect(res.status, path).toBe(400);
      expect(res.body.data).toMatchObject({
        appCode: "VALIDATION_FAILED",
        fieldErrors: { search: ["search must have at most 200 characters"] },
      });
    }
    // 200 characters after trimming are fine
    expect((await api.rest("GET", `/deals?search=${"a".repeat(200)}%20`, { token })).status).toBe(200);
    await expect(api.trpc(token).deals.list.query({ search: long })).rejects.toMatchObject({
      data: { code: "BAD_REQUEST" },
    });
  });

  it("is a declared query parameter of both operations in /openapi.json", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    };
    for (const path of ["/deals", "/pipelines/{pipelineId}/board"]) {
      const names = doc.paths[path]?.get?.parameters?.filter((p) => p.in === "query").map((p) => p.name);
      expect(names, path).toContain("search");
    }
  });
});
