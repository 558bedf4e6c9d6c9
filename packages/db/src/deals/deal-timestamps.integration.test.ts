import { randomUUID } from "node:crypto";
import type { Pipeline } from "@crm/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { createDealRepository } from "./deal-repository";
import { organizationWithPipeline } from "./pipeline-fixtures";

let handle: DatabaseHandle;
let organizationId: string;
let pipeline: Pipeline;

beforeAll(async () => {
  handle = await createTestDatabase();
  ({ organizationId, pipeline } = await organizationWithPipeline(
    handle.db,
    "Clock",
    [{ name: "A" }, { name: "B" }],
    false,
  ));
});

afterAll(() => handle?.close());

/** Milliseconds (the columns are timestamptz(3): more digits are rounded on write), whole seconds, a leap day. */
const stored = [
  "2025-06-15 12:00:00.123+00",
  "2025-06-15 12:00:00.9996+00",
  "2025-01-01 00:00:00+00",
  "2024-02-29 23:59:59.5+00",
  "1999-12-31 23:30:00.001-03",
];

async function insertDeal(enteredAt: string, wonAt: string | null) {
  const id = randomUUID();
  const row = await sql<{ id: string }>`
    insert into deals (id, organization_id, pipeline_id, stage, title, value, status, stage_entered_at,
      won_at, created_at, updated_at)
    values (${id}, ${organizationId}, ${pipeline.id}, ${pipeline.stages[0]?.id}, 'Timed', 1,
      ${wonAt === null ? "open" : "won"}, ${enteredAt}::timestamptz, ${wonAt}::timestamptz,
      ${enteredAt}::timestamptz, ${enteredAt}::timestamptz)
    returning id`.execute(handle.db);
  if (!row.rows[0]) throw new Error("no deal inserted");
  return id;
}

/** What the API showed when pg parsed the column into a Date: its toISOString. */
async function asDateIso(id: string) {
  const row = await handle.db
    .selectFrom("deals")
    .select(["stage_entered_at", "won_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { stageEnteredAt: row.stage_entered_at.toISOString(), wonAt: row.won_at?.toISOString() ?? null };
}

describe("deal timestamps", () => {
  it("read as ISO 8601 UTC with milliseconds, exactly what a parsed Date printed", async () => {
    const deals = createDealRepository(handle.db);
    for (const at of stored) {
      const id = await insertDeal(at, at);
      const deal = await deals.findById(organizationId, id);
      const expected = await asDateIso(id);
      expect(deal?.stageEnteredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(deal).toMatchObject({
        stageEnteredAt: expected.stageEnteredAt,
        wonAt: expected.wonAt,
        lostAt: null,
        createdAt: expected.stageEnteredAt,
        updatedAt: expected.stageEnteredAt,
      });
    }
    expect((await deals.findById(organizationId, await insertDeal(stored[0] ?? "", null)))?.wonAt).toBeNull();
  });

  it("read the same on the board, in lists and from writes", async () => {
    const deals = createDealRepository(handle.db);
    const id = await insertDeal("2025-06-15 09:00:00.123-03", null);
    const pages = await deals.stageColumns(
      organizationId,
      { pipelineId: pipeline.id, status: "open" },
      pipeline.stages.map((stage) => stage.id),
      { limit: 100 },
    );
    const onBoard = pages.get(pipeline.stages[0]?.id ?? "")?.items.find((deal) => deal.id === id);
    expect(onBoard?.stageEnteredAt).toBe("2025-06-15T12:00:00.123Z");
    const listed = await deals.list(organizationId, { pipelineId: pipeline.id }, { limit: 100 });
    expect(listed.items.find((deal) => deal.id === id)?.createdAt).toBe("2025-06-15T12:00:00.123Z");

    const updated = await deals.update(
      organizationId,
      id,
      { status: "won", wonAt: "2025-06-16T08:30:00.250Z" },
      new Date("2025-06-16T08:30:00.250Z"),
    );
    expect(updated).toMatchObject({
      wonAt: "2025-06-16T08:30:00.250Z",
      updatedAt: "2025-06-16T08:30:00.250Z",
    });
  });
});
