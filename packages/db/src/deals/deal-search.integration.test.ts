import type { DealFilter, Pipeline } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { createDealRepository } from "./deal-repository";
import { organizationWithPipeline } from "./pipeline-fixtures";

let handle: DatabaseHandle;
let organizationId: string;
let pipeline: Pipeline;
const ids = new Map<string, string>();

async function contact(orgId: string, name: string, companyName?: string) {
  const company = companyName
    ? await handle.db
        .insertInto("companies")
        .values({ organization_id: orgId, name: companyName })
        .returning("id")
        .executeTakeFirstOrThrow()
    : undefined;
  const row = await handle.db
    .insertInto("contacts")
    .values({ organization_id: orgId, name, company_id: company?.id ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deal `key` of the organization, each created (and entered its stage) a minute after the one before. */
async function deal(key: string, values: { title: string; contactId: string | null; stage: number }) {
  const at = new Date(Date.UTC(2025, 0, 1, 0, ids.size));
  const row = await handle.db
    .insertInto("deals")
    .values({
      organization_id: organizationId,
      pipeline_id: pipeline.id,
      stage: pipeline.stages[values.stage]?.id ?? "",
      title: values.title,
      contact_id: values.contactId,
      value: values.stage === 0 ? "10.00" : "25.50",
      currency: "BRL",
      created_at: at,
      stage_entered_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids.set(key, row.id);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  ({ organizationId, pipeline } = await organizationWithPipeline(handle.db, "Search", [
    { name: "Lead" },
    { name: "Won over" },
  ]));
  const plain = await contact(organizationId, "Carlos Lima");
  const erica = await contact(organizationId, "Érica Gonçalves");
  const bakeryOwner = await contact(organizationId, "Marcos Souza", "Açaí do Norte Ltda");
  await deal("bakery", { title: "Padaria São João — 40 bolos", contactId: plain, stage: 0 });
  await deal("ericaDeal", { title: "Renewal", contactId: erica, stage: 1 });
  await deal("companyDeal", { title: "Website", contactId: bakeryOwner, stage: 0 });
  await deal("percent", { title: "50% off", contactId: plain, stage: 1 });
  await deal("noContact", { title: "Padaria Central", contactId: null, stage: 1 });
  for (let i = 0; i < 5; i++)
    await deal(`batch${i}`, { title: `Lote padaria ${i}`, contactId: plain, stage: 0 });

  const other = await organizationWithPipeline(handle.db, "Other", [{ name: "Lead" }]);
  const otherContact = await contact(other.organizationId, "Érica Outra", "Açaí do Norte Ltda");
  await handle.db
    .insertInto("deals")
    .values(
      ["Padaria São João", "Website"].map((title) => ({
        organization_id: other.organizationId,
        pipeline_id: other.pipeline.id,
        stage: other.pipeline.stages[0]?.id ?? "",
        title,
        contact_id: otherContact,
        value: "1.00",
        currency: "BRL",
      })),
    )
    .execute();
}, 60_000);

afterAll(() => handle?.close());

const keysOf = (dealIds: readonly string[]) =>
  dealIds.map((id) => [...ids].find(([, value]) => value === id)?.[0] ?? `other organization's ${id}`).sort();

async function search(filter: DealFilter) {
  const page = await createDealRepository(handle.db).list(organizationId, filter, { limit: 100 });
  return keysOf(page.items.map((item) => item.id));
}

describe("searching deals", () => {
  it("matches the title without regard to accents or case", async () => {
    expect(await search({ search: "SAO JOAO" })).toEqual(["bakery"]);
    expect(await search({ search: "são joão — 40" })).toEqual(["bakery"]);
    expect(await search({ search: "padaria" })).toEqual(
      ["bakery", "noContact", "batch0", "batch1", "batch2", "batch3", "batch4"].sort(),
    );
  });

  it("matches the contact's name and the contact's company's name", async () => {
    expect(await search({ search: "erica gonc" })).toEqual(["ericaDeal"]);
    expect(await search({ search: "acai do norte" })).toEqual(["companyDeal"]);
  });

  it("takes LIKE wildcards literally", async () => {
    expect(await search({ search: "50%" })).toEqual(["percent"]);
    expect(await search({ search: "%" })).toEqual(["percent"]);
    expect(await search({ search: "_" })).toEqual([]);
  });

  it("never matches another organization's deals, titles, contacts or companies", async () => {
    // the other organization has a "Padaria São João", an "Érica" and the same company name
    expect(await search({ search: "Padaria São João" })).toEqual(["bakery"]);
    expect(await search({ search: "Érica Outra" })).toEqual([]);
    expect(await search({ search: "Açaí" })).toEqual(["companyDeal"]);
  });

  it("combines with the other filters", async () => {
    const [lead, later] = pipeline.stages;
    expect(await search({ search: "padaria", stageId: later?.id })).toEqual(["noContact"]);
    expect(await search({ search: "padaria", stageId: lead?.id, pipelineId: pipeline.id })).toEqual(
      ["bakery", "batch0", "batch1", "batch2", "batch3", "batch4"].sort(),
    );
    expect(await search({ search: "padaria", currency: "BRL", valueMin: "20" })).toEqual(["noContact"]);
  });

  it("pages a search newest first with the cursor, each match once", async () => {
    const repository = createDealRepository(handle.db);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repository.list(organizationId, { search: "padaria" }, { cursor, limit: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // newest first: the batch (created last), then "Padaria Central", then the bakery
    expect(seen).toEqual(
      ["batch4", "batch3", "batch2", "batch1", "batch0", "noContact", "bakery"].map((key) => ids.get(key)),
    );
  });

  it("counts, sums and pages the board's columns over the matching deals only", async () => {
    const repository = createDealRepository(handle.db);
    const [lead, later] = pipeline.stages.map((stage) => stage.id);
    const filter = { pipelineId: pipeline.id, status: "open" as const, search: "padaria" };
    const totals = new Map(
      (await repository.stageTotals(organizationId, filter)).map((row) => [row.stageId, row]),
    );
    expect(totals.get(lead ?? "")).toMatchObject({
      count: 6,
      totals: [{ amount: "60.00", currency: "BRL", count: 6 }],
    });
    expect(totals.get(later ?? "")).toMatchObject({
      count: 1,
      totals: [{ amount: "25.50", currency: "BRL", count: 1 }],
    });

    const columns = await repository.stageColumns(organizationId, filter, [lead ?? "", later ?? ""], {
      limit: 4,
    });
    expect(keysOf(columns.get(later ?? "")?.items.map((item) => item.id) ?? [])).toEqual(["noContact"]);
    const first = columns.get(lead ?? "");
    expect(first?.items.map((item) => item.id)).toEqual(
      ["batch4", "batch3", "batch2", "batch1"].map((key) => ids.get(key)),
    );
    const next = await repository.stageColumns(organizationId, filter, [lead ?? ""], {
      cursor: first?.nextCursor ?? undefined,
      limit: 4,
    });
    expect(next.get(lead ?? "")?.items.map((item) => item.id)).toEqual(
      ["batch0", "bakery"].map((key) => ids.get(key)),
    );
    expect(next.get(lead ?? "")?.nextCursor).toBeNull();
  });
});
