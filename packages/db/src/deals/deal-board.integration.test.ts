import { randomUUID } from "node:crypto";
import { applyStageEdits, type Pipeline } from "@crm/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { createDealRepository, stageColumnQuery } from "./deal-repository";
import { createPipelineRepository } from "./pipeline-repository";

const dealsInOrganization = 50_000;

let handle: DatabaseHandle;
let organizationId: string;
let pipeline: Pipeline;

beforeAll(async () => {
  handle = await createTestDatabase();
  const { db } = handle;
  organizationId = (
    await db
      .insertInto("organizations")
      .values({ name: "Big", slug: `big-${randomUUID().slice(0, 8)}` })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const { stages } = applyStageEdits(
    [],
    [{ name: "A", rottingDays: 10 }, { name: "B" }, { name: "C" }, { name: "D" }, { name: "E" }],
    randomUUID,
  );
  pipeline = await createPipelineRepository(db).create(organizationId, {
    name: "Sales",
    stages,
    winOnPayment: true,
  });
  const stageIds = stages.map((stage) => stage.id);
  // deal g: stage g % 5, USD when g % 10 = 0 (else BRL), won when g % 7 = 0, value g.01, entered g minutes ago
  await sql`
    insert into deals (organization_id, pipeline_id, stage, title, value, currency, status, stage_entered_at)
    select ${organizationId}, ${pipeline.id}, (${sql.val(stageIds)}::text[])[g % 5 + 1], 'Deal ' || g,
      g + 0.01, case when g % 10 = 0 then 'USD' else 'BRL' end,
      case when g % 7 = 0 then 'won' else 'open' end, now() - make_interval(mins => g)
    from generate_series(1, ${dealsInOrganization}) g`.execute(db);
  await sql`analyze deals`.execute(db);
}, 120_000);

afterAll(() => handle?.close());

/** What the SQL above puts in stage `index`, computed independently. */
function expectedColumn(index: number) {
  let count = 0;
  const totals = { BRL: 0n, USD: 0n };
  for (let g = 1; g <= dealsInOrganization; g++) {
    if (g % 5 !== index || g % 7 === 0) continue;
    count += 1;
    totals[g % 10 === 0 ? "USD" : "BRL"] += BigInt(g) * 100n + 1n;
  }
  const decimal = (cents: bigint) => `${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")}`;
  return {
    count,
    // a currency with no deal in the stage has no total, not a zero one
    totals: (["BRL", "USD"] as const)
      .filter((currency) => totals[currency] > 0n)
      .map((currency) => ({ amount: decimal(totals[currency]), currency })),
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

  it("reads a column's page from idx_deals_board, not by scanning the organization's deals", async () => {
    const stage = pipeline.stages[0];
    if (!stage) throw new Error("no stage");
    const filter = { pipelineId: pipeline.id, stageId: stage.id, status: "open" as const };
    const plan = await stageColumnQuery(handle.db, organizationId, filter, { limit: 25 }).explain();
    const text = plan.map((row) => Object.values(row).join(" ")).join("\n");
    expect(text).toContain("idx_deals_board");
    expect(text).not.toMatch(/Seq Scan on deals/);
    expect(text).not.toMatch(/Sort/);

    const page = await createDealRepository(handle.db).stageColumn(organizationId, filter, { limit: 25 });
    expect(page.items).toHaveLength(25);
    const entered = page.items.map((deal) => deal.stageEnteredAt.getTime());
    expect(entered).toEqual([...entered].sort((a, b) => b - a));
    expect(page.nextCursor).not.toBeNull();
  });
});
