import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { createDealRepository } from "./deal-repository";
import { organizationWithPipeline as organizationWithFixturePipeline } from "./pipeline-fixtures";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
}, 120_000);

afterAll(() => handle?.close());

const organizationWithPipeline = () =>
  organizationWithFixturePipeline(handle.db, "Totals", [{ name: "A" }, { name: "B" }, { name: "C" }]);

/** The kept rows, and the same figures aggregated from the deals themselves. */
async function keptAndCounted(organizationId: string) {
  const { db } = handle;
  const kept = await db
    .selectFrom("deal_stage_totals")
    .select(["pipeline_id", "stage", "status", "currency", "deal_count", "value_total"])
    .where("organization_id", "=", organizationId)
    .orderBy(["pipeline_id", "stage", "status", "currency"])
    .execute();
  const counted = await db
    .selectFrom("deals")
    .select((eb) => [
      "pipeline_id",
      "stage",
      "status",
      "currency",
      eb.fn.countAll<string>().as("deal_count"),
      eb.fn.sum<string>("value").as("value_total"),
    ])
    .where("organization_id", "=", organizationId)
    .groupBy(["pipeline_id", "stage", "status", "currency"])
    .orderBy(["pipeline_id", "stage", "status", "currency"])
    .execute();
  return { kept: kept.map((row) => ({ ...row, deal_count: String(row.deal_count) })), counted };
}

describe("deal_stage_totals, kept by the deals triggers", () => {
  it("follows inserts, moves, wins, value changes, bulk moves and deletes", async () => {
    const { organizationId, pipeline } = await organizationWithPipeline();
    const [a, b, c] = pipeline.stages.map((stage) => stage.id) as [string, string, string];
    const { db } = handle;
    await sql`
      insert into deals (organization_id, pipeline_id, stage, title, value, currency)
      select ${organizationId}, ${pipeline.id}, case when g % 2 = 0 then ${a} else ${b} end, 'Deal ' || g,
        g * 10 + 0.5, case when g % 5 = 0 then 'USD' else 'BRL' end
      from generate_series(1, 40) g`.execute(db);
    expect((await keptAndCounted(organizationId)).kept).toHaveLength(4);

    await db.updateTable("deals").set({ stage: c }).where("title", "in", ["Deal 2", "Deal 3"]).execute();
    await db
      .updateTable("deals")
      .set({ status: "won", won_at: new Date() })
      .where("title", "=", "Deal 4")
      .execute();
    await db
      .updateTable("deals")
      .set({ value: "999.99", currency: "EUR" })
      .where("title", "=", "Deal 6")
      .execute();
    await db.updateTable("deals").set({ title: "Renamed" }).where("title", "=", "Deal 8").execute();
    await db.deleteFrom("deals").where("title", "in", ["Deal 10", "Deal 11"]).execute();
    const { kept, counted } = await keptAndCounted(organizationId);
    expect(kept).toEqual(counted);

    // every deal of stage B leaves it: its rows are removed, not left at zero
    await createDealRepository(db).moveAll(
      organizationId,
      { pipelineId: pipeline.id, stageIds: [b] },
      { pipelineId: pipeline.id, stageId: a },
      new Date(),
    );
    const afterMove = await keptAndCounted(organizationId);
    expect(afterMove.kept).toEqual(afterMove.counted);
    expect(afterMove.kept.some((row) => row.stage === b)).toBe(false);
  });

  it("answers the unfiltered board from the kept rows, and filtered ones from the deals", async () => {
    const { organizationId, pipeline } = await organizationWithPipeline();
    const [a, b] = pipeline.stages.map((stage) => stage.id) as [string, string];
    const { db } = handle;
    const assignee = (
      await db
        .insertInto("users")
        .values({
          organization_id: organizationId,
          email: `${randomUUID()}@example.com`,
          name: "A",
          role: "agent",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    await sql`
      insert into deals (organization_id, pipeline_id, stage, title, value, currency, assigned_to)
      values (${organizationId}, ${pipeline.id}, ${a}, 'One', 100.10, 'BRL', ${assignee}),
             (${organizationId}, ${pipeline.id}, ${a}, 'Two', 50.05, 'BRL', null),
             (${organizationId}, ${pipeline.id}, ${b}, 'Three', 7.00, 'USD', null)`.execute(db);
    const deals = createDealRepository(db);
    const board = await deals.stageTotals(organizationId, { pipelineId: pipeline.id, status: "open" });
    expect(board).toEqual(
      [
        { stageId: a, count: 2, totals: [{ amount: "150.15", currency: "BRL", count: 2 }] },
        { stageId: b, count: 1, totals: [{ amount: "7.00", currency: "USD", count: 1 }] },
      ].sort((x, y) => x.stageId.localeCompare(y.stageId)),
    );
    const mine = await deals.stageTotals(organizationId, {
      pipelineId: pipeline.id,
      status: "open",
      assigneeId: assignee,
    });
    expect(mine).toEqual([
      { stageId: a, count: 1, totals: [{ amount: "100.10", currency: "BRL", count: 1 }] },
    ]);
  });

  it("goes away with its organization", async () => {
    const { organizationId, pipeline } = await organizationWithPipeline();
    const { db } = handle;
    await sql`
      insert into deals (organization_id, pipeline_id, stage, title, value)
      values (${organizationId}, ${pipeline.id}, ${pipeline.stages[0]?.id}, 'Only', 1)`.execute(db);
    await db.deleteFrom("organizations").where("id", "=", organizationId).execute();
    expect((await keptAndCounted(organizationId)).kept).toEqual([]);
  });
});
