import { sweepLostJobs } from "@crm/domain/conversations/ingest-sweep";
import { processWebhook } from "@crm/domain/conversations/ingest-webhook";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import {
  createIntegration,
  createOrganization,
  createTestIngestionDeps,
  storeWebhook,
  whatsappText,
} from "./ingestion-fixtures";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(() => handle?.close());

describe("sweeper", () => {
  it("re-enqueues webhooks and media left unprocessed for over a minute, under their own job ids, replacing finished ones", async () => {
    const organizationId = await createOrganization(handle.db);
    const integrationId = await createIntegration(handle.db, organizationId);
    const now = new Date("2031-06-01T12:00:00.000Z");
    const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const store = (createdAt: Date) =>
      storeWebhook(handle.db, {
        organizationId,
        integrationId,
        payload: { messages: [whatsappText("5511987654321", "x")] },
        createdAt,
      });
    const lost = await store(minutesAgo(5));
    await store(minutesAgo(0.5)); // its job may still be queued
    const retriedLongAgo = await store(minutesAgo(10));
    const retriedJustNow = await store(minutesAgo(10));
    const failed = await store(minutesAgo(10));
    const done = await store(minutesAgo(10));
    await handle.db
      .updateTable("webhook_logs")
      .set({ status: "retrying", attempts: 2, last_attempt_at: minutesAgo(3) })
      .where("id", "=", retriedLongAgo)
      .execute();
    await handle.db
      .updateTable("webhook_logs")
      .set({ status: "retrying", attempts: 1, last_attempt_at: minutesAgo(0.2) })
      .where("id", "=", retriedJustNow)
      .execute();
    await handle.db
      .updateTable("webhook_logs")
      .set({ status: "failed", attempts: 5 })
      .where("id", "=", failed)
      .execute();
    const { deps, queue } = createTestIngestionDeps(handle.db, { clock: { now: () => now } });
    await processWebhook(deps, done);

    const photo = whatsappText("5511911112222", "", {
      contentType: "image",
      media: { providerMediaId: "m-1" },
    });
    await processWebhook(
      deps,
      await storeWebhook(handle.db, { organizationId, integrationId, payload: { messages: [photo] } }),
    );
    const pendingMedia = await handle.db
      .updateTable("messages")
      .set({ created_at: minutesAgo(2) })
      .where("media_status", "=", "pending")
      .where("organization_id", "=", organizationId)
      .returning("id")
      .executeTakeFirstOrThrow();
    queue.jobs.length = 0;

    const swept = await sweepLostJobs(deps);

    expect(queue.jobs).toEqual([
      {
        queue: "webhook-process",
        payload: { webhookLogId: retriedLongAgo },
        options: { jobId: retriedLongAgo, attempts: 5, replaceFinished: true },
      },
      {
        queue: "webhook-process",
        payload: { webhookLogId: lost },
        options: { jobId: lost, attempts: 5, replaceFinished: true },
      },
      {
        queue: "media-download",
        payload: { messageId: pendingMedia.id },
        options: { jobId: `media-${pendingMedia.id}`, attempts: 5, replaceFinished: true },
      },
    ]);
    expect(swept).toEqual({ webhooks: 2, media: 1 });
  });
});
