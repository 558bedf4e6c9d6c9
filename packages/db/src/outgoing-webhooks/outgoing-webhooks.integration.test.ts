import { purgeExpiredData } from "@crm/domain";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { daysAgo, insertOrganization } from "../conversations/retention-fixtures";
import { createRetentionRepository } from "../conversations/retention-repository";
import type { Database } from "../database.gen";
import { createMemoryFileStorage } from "../testing/memory-file-storage";
import { createTestDatabase } from "../testing/test-database";
import { createOutgoingWebhooksStore } from "./outgoing-webhooks-store";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const sealed = { v: 1 as const, iv: "aXY=", tag: "dGFn", data: "ZGF0YQ==" };

async function subscription(db: Kysely<Database>, organizationId: string) {
  const store = createOutgoingWebhooksStore(db);
  const created = await store.subscriptions.create(
    organizationId,
    crypto.randomUUID(),
    {
      url: "https://example.com/hook",
      description: null,
      events: ["*"],
      isActive: true,
      secret: sealed,
      secretHint: "…abcd",
    },
    20,
  );
  if (!created) throw new Error("not created");
  return created;
}

describe("outgoing webhook store", () => {
  it("records an event once per subscription, however many times it is heard", async () => {
    const { db } = handle;
    const organizationId = await insertOrganization(db, 365);
    const hook = await subscription(db, organizationId);
    const store = createOutgoingWebhooksStore(db);
    const delivery = {
      subscriptionId: hook.id,
      eventId: "1700000000000-0",
      eventType: "deal_updated",
      payload: {},
    };

    const first = await store.deliveries.insertMany(organizationId, [delivery]);
    const again = await store.deliveries.insertMany(organizationId, [
      delivery,
      { ...delivery, eventId: "1700000000000-1" },
    ]);

    expect(first).toHaveLength(1);
    expect(again).toHaveLength(1);
    const page = await store.deliveries.list(organizationId, hook.id, {}, {});
    expect(page.items.map((item) => item.eventId).sort()).toEqual(["1700000000000-0", "1700000000000-1"]);
  });

  it("moves an organization's cursor forward only, comparing ids as numbers", async () => {
    const { db } = handle;
    const organizationId = await insertOrganization(db, 365);
    const { cursors } = createOutgoingWebhooksStore(db);
    await cursors.advance(organizationId, "9-5");
    await cursors.advance(organizationId, "10-0");
    await cursors.advance(organizationId, "9-9");
    expect(await cursors.find(organizationId)).toBe("10-0");
  });

  it("marks how far an organization's events are recorded: forward only, and not while held back", async () => {
    const { db } = handle;
    const [recorded, heldBack] = [await insertOrganization(db, 365), await insertOrganization(db, 365)];
    const { cursors } = createOutgoingWebhooksStore(db);
    for (const organizationId of [recorded, heldBack])
      await cursors.advance(organizationId, "1700000000000-0");
    const entryTime = new Date(1_700_000_000_000);
    expect(await cursors.position(recorded)).toEqual({
      entryId: "1700000000000-0",
      recordedThrough: entryTime,
    });

    const now = new Date();
    await cursors.markRecordedThrough(now, [heldBack], 30_000);
    await cursors.markRecordedThrough(new Date(now.getTime() - 60_000), [heldBack], 0);
    await cursors.advance(recorded, "1700000000001-0");

    expect(await cursors.position(recorded)).toEqual({ entryId: "1700000000001-0", recordedThrough: now });
    expect((await cursors.position(heldBack))?.recordedThrough).toEqual(entryTime);
  });

  it("never lets concurrent creates pass the limit", async () => {
    const { db } = handle;
    const organizationId = await insertOrganization(db, 365);
    const store = createOutgoingWebhooksStore(db);
    const input = {
      url: "https://example.com/hook",
      description: null,
      events: ["*"],
      isActive: true,
      secret: sealed,
      secretHint: "…abcd",
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        store.subscriptions.create(organizationId, crypto.randomUUID(), input, 3),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
  });

  it("deletes deliveries older than 30 days in the daily retention job, and keeps the newer ones", async () => {
    const { db } = handle;
    const organizationId = await insertOrganization(db, 365);
    const hook = await subscription(db, organizationId);
    for (const [eventId, age] of [
      ["old", 31],
      ["older", 90],
      ["recent", 29],
    ] as const) {
      await db
        .insertInto("outgoing_webhook_deliveries")
        .values({
          organization_id: organizationId,
          subscription_id: hook.id,
          event_id: eventId,
          event_type: "deal_updated",
          payload: "{}",
          status: "delivered",
          created_at: daysAgo(age),
        })
        .execute();
    }

    const report = await purgeExpiredData({
      retention: createRetentionRepository(db),
      clock: { now: () => new Date() },
      files: createMemoryFileStorage(),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });

    const left = await db
      .selectFrom("outgoing_webhook_deliveries")
      .select("event_id")
      .where("subscription_id", "=", hook.id)
      .execute();
    expect(left.map((row) => row.event_id)).toEqual(["recent"]);
    expect(report.outgoingWebhookDeliveriesDeleted).toBeGreaterThanOrEqual(2);
  });
});
