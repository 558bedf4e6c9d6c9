import { randomUUID } from "node:crypto";
import type { CurrentIntegration, NewWebhookLog } from "@crm/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createOrganization } from "../conversations/ingestion-fixtures";
import { createTestDatabase } from "../testing/test-database";
import { createBatchedWebhookLogRepository } from "./webhook-log-batch";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(() => handle?.close());

/** An active integration with its own sealed credentials, and what a cached copy of it expects. */
async function integration(organizationId: string): Promise<{ id: string; expected: CurrentIntegration }> {
  const sealedConfig = { v: 1, iv: randomUUID(), tag: "t", data: "d" } as const;
  const externalId = randomUUID();
  const row = await handle.db
    .insertInto("integrations")
    .values({
      organization_id: organizationId,
      channel: "telegram",
      config: JSON.stringify(sealedConfig),
      external_id: externalId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, expected: { sealedConfig, externalId } };
}

const newLog = (organizationId: string, integrationId: string, eventId: string, payload: unknown = {}) =>
  ({
    organizationId,
    integrationId,
    channel: "telegram",
    source: "webhook",
    eventId: `${integrationId}:${eventId}`,
    payload: { eventId, ...(payload as object) },
    rawBody: null,
    status: "pending",
    errorMessage: null,
  }) satisfies NewWebhookLog;

async function storedRows(integrationId: string) {
  const { rows } = await sql<{ id: string; event_id: string; payload: { eventId: string }; tx: string }>`
    select id, event_id, payload, xmin::text as tx from webhook_logs where integration_id = ${integrationId}
    order by event_id`.execute(handle.db);
  return rows;
}

describe("group-committed webhook log inserts", () => {
  it("stores concurrent logs with one statement and answers each caller its own row", async () => {
    const organizationId = await createOrganization(handle.db);
    const { id, expected } = await integration(organizationId);
    const repository = createBatchedWebhookLogRepository(handle.db, { windowMs: 60_000 });
    const eventIds = ["e1", "e2", "e3", "e4"];
    const pending = eventIds.map((eventId) =>
      repository.insertIfCurrent(newLog(organizationId, id, eventId), expected),
    );
    await repository.flush();
    const results = await Promise.all(pending);

    const rows = await storedRows(id);
    expect(rows.map((row) => row.event_id)).toEqual(eventIds.map((eventId) => `${id}:${eventId}`));
    // one statement = one transaction: every row carries the same inserting transaction id
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
    results.forEach((result, index) => {
      const row = rows.find((stored) => stored.id === (result as { id: string }).id);
      expect(row?.payload.eventId).toBe(eventIds[index]);
    });
  });

  it("refuses alone the row of an integration switched off or changed while the batch waited", async () => {
    const organizationId = await createOrganization(handle.db);
    const kept = await integration(organizationId);
    const switchedOff = await integration(organizationId);
    const rotated = await integration(organizationId);
    const repository = createBatchedWebhookLogRepository(handle.db, { windowMs: 60_000 });
    const pending = [
      repository.insertIfCurrent(newLog(organizationId, kept.id, "a"), kept.expected),
      repository.insertIfCurrent(newLog(organizationId, switchedOff.id, "b"), switchedOff.expected),
      repository.insertIfCurrent(newLog(organizationId, rotated.id, "c"), rotated.expected),
      repository.insertIfCurrent(newLog(organizationId, kept.id, "d"), kept.expected),
    ];
    await handle.db
      .updateTable("integrations")
      .set({ is_active: false })
      .where("id", "=", switchedOff.id)
      .execute();
    await handle.db
      .updateTable("integrations")
      .set({ config: JSON.stringify({ ...rotated.expected.sealedConfig, data: "rotated" }) })
      .where("id", "=", rotated.id)
      .execute();
    await repository.flush();
    const [a, b, c, d] = await Promise.all(pending);

    expect(b).toBe("stale");
    expect(c).toBe("stale");
    const rows = await storedRows(kept.id);
    expect(rows.map((row) => row.id)).toEqual([(a as { id: string }).id, (d as { id: string }).id]);
    expect(await storedRows(switchedOff.id)).toEqual([]);
    expect(await storedRows(rotated.id)).toEqual([]);
  });

  it("skips a redelivered event, stored before or repeated in the same batch", async () => {
    const organizationId = await createOrganization(handle.db);
    const { id, expected } = await integration(organizationId);
    const repository = createBatchedWebhookLogRepository(handle.db, { windowMs: 60_000 });
    const earlier = repository.insertIfCurrent(newLog(organizationId, id, "old"), expected);
    await repository.flush();
    const first = await earlier;

    const pending = [
      repository.insertIfCurrent(newLog(organizationId, id, "old"), expected),
      repository.insertIfCurrent(newLog(organizationId, id, "new"), expected),
      repository.insertIfCurrent(newLog(organizationId, id, "new"), expected),
    ];
    await repository.flush();
    const [again, fresh, repeated] = await Promise.all(pending);

    expect(first).toEqual({ id: expect.any(String) });
    expect(again).toBeUndefined();
    expect(repeated).toBeUndefined();
    const rows = await storedRows(id);
    expect(rows.map((row) => row.id).sort()).toEqual(
      [(first as { id: string }).id, (fresh as { id: string }).id].sort(),
    );
  });

  it("runs a batch whose statement fails again row by row: only the bad row's caller is rejected", async () => {
    const organizationId = await createOrganization(handle.db);
    const { id, expected } = await integration(organizationId);
    const repository = createBatchedWebhookLogRepository(handle.db, { windowMs: 60_000 });
    const pending = [
      repository.insertIfCurrent(newLog(organizationId, id, "fine"), expected),
      // not a uuid: this row fails the statement
      repository.insertIfCurrent(
        { ...newLog(organizationId, id, "bad"), organizationId: "not-a-uuid" },
        expected,
      ),
    ];
    // handled before the batch runs: the bad row's rejection may come while the good row is still in flight
    const outcomes = Promise.allSettled(pending);
    await repository.flush();
    const settled = await outcomes;

    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected"]);
    expect((await storedRows(id)).map((row) => row.event_id)).toEqual([`${id}:fine`]);
  });

  it("stores a payload holding NUL (U+0000), which jsonb refuses, without it, batched or not", async () => {
    const organizationId = await createOrganization(handle.db);
    const { id, expected } = await integration(organizationId);
    const repository = createBatchedWebhookLogRepository(handle.db, { windowMs: 60_000 });
    const payload = { text: "a\u0000b", "k\u0000": "\\u0000" };
    const batched = repository.insertIfCurrent(newLog(organizationId, id, "batched", payload), expected);
    await repository.flush();
    expect(await batched).toEqual({ id: expect.any(String) });
    expect(await repository.insert(newLog(organizationId, id, "single", payload))).toEqual({
      id: expect.any(String),
    });

    const rows = await storedRows(id);
    expect(rows.map((row) => row.payload)).toEqual(
      ["batched", "single"].map((eventId) => ({ eventId, text: "ab", k: "\\u0000" })),
    );
  });
});
