import { randomUUID } from "node:crypto";
import { purgeExpiredData } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { daysAgo, insertOrganization } from "../conversations/retention-fixtures";
import { createRetentionRepository } from "../conversations/retention-repository";
import { createMemoryFileStorage } from "../testing/memory-file-storage";
import { createTestDatabase } from "../testing/test-database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** One contact tombstone per age in days; their ids by age. */
async function tombstonesAged(organizationId: string, ages: number[]): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  for (const age of ages) {
    const id = randomUUID();
    await handle.db
      .insertInto("deletions")
      .values({ organization_id: organizationId, entity: "contact", entity_id: id, deleted_at: daysAgo(age) })
      .execute();
    ids.set(age, id);
  }
  return ids;
}

const left = async (organizationId: string) =>
  (
    await handle.db
      .selectFrom("deletions")
      .select("entity_id")
      .where("organization_id", "=", organizationId)
      .execute()
  ).map((row) => row.entity_id);

describe("retention of tombstones", () => {
  it("drops each organization's tombstones older than its data retention, in batches", async () => {
    const shortLived = await insertOrganization(handle.db, 30);
    const longLived = await insertOrganization(handle.db, 730);
    const short = await tombstonesAged(shortLived, [1, 29, 31, 45, 400]);
    const long = await tombstonesAged(longLived, [1, 31, 400, 729, 731]);

    const report = await purgeExpiredData(
      {
        retention: createRetentionRepository(handle.db),
        clock: { now: () => new Date() },
        files: createMemoryFileStorage(),
        logger: { debug() {}, info() {}, warn() {}, error() {} },
      },
      2,
    );

    expect(new Set(await left(shortLived))).toEqual(new Set([short.get(1), short.get(29)]));
    expect(new Set(await left(longLived))).toEqual(
      new Set([long.get(1), long.get(31), long.get(400), long.get(729)]),
    );
    expect(report.deletionsDeleted).toBe(4);
  });
});
