import type { DealActivityType, NewDealActivity } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { createDealActivityRepository } from "./deal-activity-repository";
import { organizationWithPipeline } from "./pipeline-fixtures";

let handle: DatabaseHandle;
let organizationId: string;
let dealId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const created = await organizationWithPipeline(handle.db, "Timeline", [{ name: "A" }]);
  organizationId = created.organizationId;
  const { pipeline } = created;
  dealId = (
    await handle.db
      .insertInto("deals")
      .values({
        organization_id: organizationId,
        pipeline_id: pipeline.id,
        stage: pipeline.stages[0]?.id ?? "",
        title: "Tied",
        value: "10.00",
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});

afterAll(() => handle?.close());

const activity = (type: DealActivityType, content: string, createdAt: Date): NewDealActivity => ({
  dealId,
  type,
  content,
  data: {},
  dueAt: null,
  actorId: null,
  createdAt,
});

describe("a deal's timeline", () => {
  it("lists activities of one timestamp the last written first, and pages through them exactly", async () => {
    const activities = createDealActivityRepository(handle.db);
    const at = new Date("2025-06-15T12:00:00.123Z");
    // written first but dated later: the timestamp decides before the order of writing
    await activities.create(organizationId, activity("note", "later", new Date(at.getTime() + 1000)));
    const tied = (["created", "stage_changed", "note", "call", "task", "payment_paid", "won"] as const).map(
      (type, index) => activity(type, `tied ${index + 1}`, at),
    );
    await activities.createMany(organizationId, tied);
    await activities.create(organizationId, activity("note", "earlier", new Date(at.getTime() - 1000)));

    const expected = ["later", ...tied.map((a) => a.content).reverse(), "earlier"];
    const pages: Array<Array<string | null>> = [];
    let cursor: string | undefined;
    do {
      const page = await activities.list(organizationId, dealId, { limit: 3, cursor });
      pages.push(page.items.map((a) => a.content));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);

    expect(pages).toEqual([expected.slice(0, 3), expected.slice(3, 6), expected.slice(6, 9)]);
    const whole = await activities.list(organizationId, dealId, { limit: 100 });
    expect(whole.items.map((a) => a.content)).toEqual(expected);
    expect(whole.nextCursor).toBeNull();
  });
});
