import type { Pipeline } from "@crm/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { agendaQuery, listAgenda } from "./agenda-query";
import { createDealRepository } from "./deal-repository";
import { organizationWithPipeline } from "./pipeline-fixtures";
import { stageColumnsQuery } from "./stage-columns";

const dealsInOrganization = 50_000;

let handle: DatabaseHandle;
let organizationId: string;
let pipeline: Pipeline;

beforeAll(async () => {
  handle = await createTestDatabase();
  const { db } = handle;
  ({ organizationId, pipeline } = await organizationWithPipeline(db, "Big", [
    { name: "A", rottingDays: 10 },
    { name: "B" },
    { name: "C" },
    { name: "D" },
    { name: "E" },
  ]));
  const { stages } = pipeline;
  const stageIds = stages.map((stage) => stage.id);
  // deal g: stage g % 5, USD when g % 10 = 0 (else BRL), won when g % 7 = 0, value g.01, entered g minutes ago
  await sql`
    insert into deals (organization_id, pipeline_id, stage, title, value, currency, status, stage_entered_at)
    select ${organizationId}, ${pipeline.id}, (${sql.val(stageIds)}::text[])[g % 5 + 1], 'Deal ' || g,
      g + 0.01, case when g % 10 = 0 then 'USD' else 'BRL' end,
      case when g % 7 = 0 then 'won' else 'open' end, now() - make_interval(mins => g)
    from generate_series(1, ${dealsInOrganization}) g`.execute(db);
  // every deal has its system activity; deal g % 3 = 0 a task due (g % 11 - 5) hours from now, done when g % 9 = 0
  await sql`
    insert into deal_activities (organization_id, deal_id, type, data)
    select organization_id, id, 'created', '{}' from deals where organization_id = ${organizationId}`.execute(
    db,
  );
  await sql`
    insert into deal_activities (organization_id, deal_id, type, content, due_at, done_at)
    select organization_id, id, 'task', 'Call back', now() + make_interval(hours => g % 11 - 5),
      case when g % 9 = 0 then now() end
    from deals, cast(substr(title, 6) as int) g where organization_id = ${organizationId} and g % 3 = 0`.execute(
    db,
  );
  await sql`analyze deals`.execute(db);
  await sql`analyze deal_activities`.execute(db);
}, 120_000);

afterAll(() => handle?.close());

/** What the SQL above puts in stage `index`, computed independently. */
function expectedColumn(index: number) {
  let count = 0;
  const totals = { BRL: 0n, USD: 0n };
  const counts = { BRL: 0, USD: 0 };
  for (let g = 1; g <= dealsInOrganization; g++) {
    if (g % 5 !== index || g % 7 === 0) continue;
    count += 1;
    totals[g % 10 === 0 ? "USD" : "BRL"] += BigInt(g) * 100n + 1n;
    counts[g % 10 === 0 ? "USD" : "BRL"] += 1;
  }
  const decimal = (cents: bigint) => `${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")}`;
  return {
    count,
    // a currency with no deal in the stage has no total, not a zero one
    totals: (["BRL", "USD"] as const)
      .filter((currency) => totals[currency] > 0n)
      .map((currency) => ({ amount: decimal(totals[currency]), currency, count: counts[currency] })),
  };
}

describe("the board at 50,000 deals in one organization", () => {
  it("counts and sums each stage exactly, per currency", async () => {
    const totals = await createDealRepository(handle.db).stageTotals(organizationId, {
      pipelineId: pipeline.id,
      status: "open",
    });
    const byStage = new Map(totals.map((row) => [row.stageId, row]));
    pipeline.stages.forEach((stage, index) => {
      const row = byStage.get(stage.id);
      expect({ count: row?.count, totals: row?.totals }).toEqual(expectedColumn(index));
    });
  });

  it("reads every column's page in one statement, each a range of idx_deals_board", async () => {
    const filter = { pipelineId: pipeline.id, status: "open" as const };
    const stageIds = pipeline.stages.map((stage) => stage.id);
    const plan = await stageColumnsQuery(handle.db, organizationId, filter, stageIds, {
      limit: 25,
    }).explain();
    const text = plan.map((row) => Object.values(row).join(" ")).join("\n");
    expect(text).toContain("idx_deals_board");
    expect(text).not.toMatch(/Seq Scan on deals/);
    // per stage, the first rows of an index range; a sort, if any, only orders those few rows afterwards
    expect(text).toMatch(/Nested Loop.*\n.*Function Scan on unnest s/);
    expect(text).toMatch(/Limit .*\n\s*->\s+Index Scan using idx_deals_board on deals/);
    expect(text.slice(text.indexOf("Nested Loop"))).not.toMatch(/Sort/);
    // each card's next due activity: a lookup in idx_deal_activities_pending, not a scan of the activities
    expect(text).toMatch(/Index Scan using idx_deal_activities_pending on deal_activities/);
    expect(text).not.toMatch(/Seq Scan on deal_activities/);

    const pages = await createDealRepository(handle.db).stageColumns(organizationId, filter, stageIds, {
      limit: 25,
    });
    for (const stageId of stageIds) {
      const page = pages.get(stageId);
      expect(page?.items).toHaveLength(25);
      const entered = page?.items.map((deal) => Date.parse(deal.stageEnteredAt)) ?? [];
      expect(entered).toEqual([...entered].sort((a, b) => b - a));
      expect(page?.nextCursor).not.toBeNull();
    }
  });

  it("gives each card the due time of its earliest task not done", async () => {
    const filter = { pipelineId: pipeline.id, status: "open" as const };
    const stageIds = pipeline.stages.map((stage) => stage.id);
    const pages = await createDealRepository(handle.db).stageColumns(organizationId, filter, stageIds, {
      limit: 25,
    });
    const cards = [...pages.values()].flatMap((page) => page.items);
    expect(cards).toHaveLength(125);
    for (const card of cards) {
      const g = Number(card.title.slice(5));
      if (g % 3 !== 0 || g % 9 === 0) {
        expect(card.nextActivityDueAt, card.title).toBeNull();
      } else {
        const hoursFromNow = (Date.parse(card.nextActivityDueAt ?? "") - Date.now()) / 3_600_000;
        // due (g % 11 - 5) hours from when the rows were written, seconds ago
        expect(Math.abs(hoursFromNow - ((g % 11) - 5)), card.title).toBeLessThan(0.5);
      }
    }
  });

  it("gives each column the page of its stage alone, and the next page from its cursor", async () => {
    const deals = createDealRepository(handle.db);
    const filter = { pipelineId: pipeline.id, status: "open" as const };
    const stageIds = pipeline.stages.map((stage) => stage.id);
    const pages = await deals.stageColumns(organizationId, filter, stageIds, { limit: 10 });
    expect([...pages.keys()]).toEqual(stageIds);
    stageIds.forEach((stageId, index) => {
      expect(pages.get(stageId)?.items.map((deal) => deal.title)).toEqual(expectedTitles(index, 0, 10));
    });
    const [, second] = stageIds;
    if (!second) throw new Error("no second stage");
    const cursor = pages.get(second)?.nextCursor ?? undefined;
    const next = await deals.stageColumns(organizationId, filter, [second], { limit: 10, cursor });
    expect([...next.keys()]).toEqual([second]);
    expect(next.get(second)?.items.map((deal) => deal.title)).toEqual(expectedTitles(1, 10, 10));
  });

  it("answers an empty page for a stage without matching deals, and applies the rest of the filter", async () => {
    const stageIds = pipeline.stages.map((stage) => stage.id);
    // the USD deals (g % 10 = 0) all sit in stage 0 (g % 5 = 0)
    const pages = await createDealRepository(handle.db).stageColumns(
      organizationId,
      { pipelineId: pipeline.id, status: "open", currency: "USD" },
      stageIds,
      { limit: 10 },
    );
    expect(pages.get(stageIds[0] ?? "")?.items.map((deal) => deal.title)).toEqual(
      expectedTitles(0, 0, 10, (g) => g % 10 === 0),
    );
    for (const stageId of stageIds.slice(1))
      expect(pages.get(stageId)).toEqual({ items: [], nextCursor: null });
  });
});

describe("the activities agenda over the same deals", () => {
  it("reads a page of due activities along idx_deal_activities_agenda, without sorting them all", async () => {
    const now = new Date();
    for (const filter of [
      { due: "overdue" as const, dueBefore: now, done: false },
      { due: "upcoming" as const, dueFrom: now, done: false },
      {},
    ]) {
      const plan = await agendaQuery(handle.db, organizationId, filter, { limit: 25 }).explain();
      const text = plan.map((row) => Object.values(row).join(" ")).join("\n");
      expect(text, JSON.stringify(filter)).toMatch(/Index Scan using idx_deal_activities_agenda/);
      expect(text, JSON.stringify(filter)).not.toMatch(/Sort|Seq Scan on deal_activities/);
    }
    const page = await listAgenda(
      handle.db,
      organizationId,
      { due: "overdue", dueBefore: now, done: false },
      {
        limit: 25,
      },
    );
    const due = page.items.map((row) => row.activity.dueAt?.getTime() ?? 0);
    expect(due).toHaveLength(25);
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(page.items.every((row) => row.activity.doneAt === null && row.activity.type === "task")).toBe(
      true,
    );
  });
});

/** Titles of the open deals of stage `index`, most recently entered (smallest g) first, from `skip`. */
function expectedTitles(index: number, skip: number, count: number, also = (_g: number) => true): string[] {
  const titles: string[] = [];
  for (let g = 1; g <= dealsInOrganization && titles.length < skip + count; g++) {
    if (g % 5 === index && g % 7 !== 0 && also(g)) titles.push(`Deal ${g}`);
  }
  return titles.slice(skip);
}
