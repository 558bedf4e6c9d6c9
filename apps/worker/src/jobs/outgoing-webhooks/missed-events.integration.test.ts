import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@crm/db";
import { insertOrganization } from "@crm/db/conversations/retention-fixtures";
import { createTestDatabase } from "@crm/db/testing/test-database";
import { type EventRecorder, startRecordingEvents } from "@crm/domain/outgoing-webhooks/event-recorder";
import { secretContext } from "@crm/domain/outgoing-webhooks/subscriptions";
import { replayWindowMs } from "@crm/domain/realtime/ports";
import type { DomainEvent } from "@crm/domain/shared/events";
import { createCredentialCipher } from "@crm/integrations";
import { createInProcessQueue } from "@crm/runtime";
import { createRedisRealtime, type RedisRealtimeBus } from "@crm/runtime/realtime/redis-realtime";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { redisTestUrl, uniqueTestPrefix } from "@crm/runtime/testing/redis-test-url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createOutgoingWebhooksDeps } from "./outgoing-webhooks-deps";

/*
 * The realtime log keeps an organization's entries for its window (five minutes): a restart catches up what it
 * still keeps, however long the organization was quiet, and reports the range no worker recorded in time.
 */

const url = redisTestUrl();
let database: DatabaseHandle;
const logger = createRecordingLogger();
const prefix = uniqueTestPrefix("missed-events");
const buses: RedisRealtimeBus[] = [];
const recorders: EventRecorder[] = [];

/** A worker starting: it catches up, then listens until the test ends. */
async function startWorker(windowMs?: number): Promise<EventRecorder> {
  const recorder = await startRecordingEvents(workerDeps(), (await openLog(windowMs)).feed);
  recorders.push(recorder);
  return recorder;
}

async function openLog(windowMs = replayWindowMs): Promise<RedisRealtimeBus> {
  const bus = createRedisRealtime({ url: url ?? "", logger, prefix, windowMs });
  buses.push(bus);
  await bus.ready();
  return bus;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(() => {
  for (const recorder of recorders.splice(0)) recorder.stop();
});
afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  await database.close();
});

function workerDeps() {
  return createOutgoingWebhooksDeps({
    db: database.db,
    cipher: createCredentialCipher(Buffer.alloc(32, 7)),
    queue: createInProcessQueue({ logger }),
    logger,
    settings: { allowHttp: true, allowPrivate: true },
  });
}

async function organizationWithWebhook(deps: ReturnType<typeof workerDeps>): Promise<string> {
  const organizationId = await insertOrganization(database.db, 365);
  const id = randomUUID();
  await deps.store.subscriptions.create(
    organizationId,
    id,
    {
      url: "http://127.0.0.1:9/hook",
      description: null,
      events: ["contact_updated"],
      isActive: true,
      secret: deps.cipher.seal("whsec_test", secretContext(organizationId, id)),
      secretHint: "…test",
    },
    20,
  );
  return organizationId;
}

/** Every worker starts by catching up every organization of the shared database. */
const catchingUp = { timeout: 10_000 };

/** The organization's last recorded event was ten minutes ago, and its events were recorded until `until`. */
async function lastRecordedTenMinutesAgo(organizationId: string, until: Date): Promise<number> {
  const at = Date.now() - 10 * 60_000;
  await database.db
    .insertInto("outgoing_webhook_cursors")
    .values({ organization_id: organizationId, last_entry_id: `${at}-0`, updated_at: until })
    .execute();
  return at;
}

const contactUpdated = (organizationId: string, contactId: string): DomainEvent => ({
  type: "contact_updated",
  organizationId,
  payload: { contactId, change: "updated" },
  occurredAt: new Date().toISOString(),
});

async function deliveries(organizationId: string) {
  const rows = await database.db
    .selectFrom("outgoing_webhook_deliveries")
    .select(["event_type", "payload"])
    .where("organization_id", "=", organizationId)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({ type: row.event_type, data: (row.payload as { data: unknown }).data }));
}

describe.skipIf(!url)("events the realtime log dropped before a worker recorded them", () => {
  it("catches up a short restart of an organization quiet for longer than the log's window", async () => {
    const deps = workerDeps();
    const organizationId = await organizationWithWebhook(deps);
    // the worker listened until it stopped a moment ago: its timer had marked the quiet organization recorded
    await lastRecordedTenMinutesAgo(organizationId, new Date());
    const api = await openLog();

    await api.events.publish(contactUpdated(organizationId, "during-restart"));
    await startWorker();

    await vi.waitFor(
      async () =>
        expect(await deliveries(organizationId)).toEqual([
          { type: "contact_updated", data: { contactId: "during-restart", change: "updated" } },
        ]),
      catchingUp,
    );
  });

  it("marks, on every tick, a quiet organization recorded until now, so a restart reports nothing", async () => {
    const deps = workerDeps();
    const organizationId = await organizationWithWebhook(deps);
    await lastRecordedTenMinutesAgo(organizationId, new Date(Date.now() - 4 * 60_000));
    const first = await startWorker();
    await first.tick();
    first.stop();

    // a log that keeps one minute: a mark older than that would be reported
    await startWorker(60_000);

    expect(await deliveries(organizationId)).toEqual([]);
  });

  it("reports once, to each webhook and in the log, the range no worker recorded in time", async () => {
    const deps = workerDeps();
    const organizationId = await organizationWithWebhook(deps);
    const since = await lastRecordedTenMinutesAgo(organizationId, new Date(0));
    const api = await openLog();
    await api.events.publish(contactUpdated(organizationId, "still-kept"));

    // two workers start together: one report
    await Promise.all([startWorker(), startWorker()]);

    await vi.waitFor(async () => expect(await deliveries(organizationId)).toHaveLength(2), catchingUp);
    const [missed, kept] = await deliveries(organizationId);
    expect(kept).toEqual({ type: "contact_updated", data: { contactId: "still-kept", change: "updated" } });
    expect(missed?.type).toBe("events_missed");
    const range = missed?.data as { from: string; to: string };
    expect(range.from).toBe(new Date(since).toISOString());
    // the log keeps its window: everything after its start is still delivered
    expect(Date.parse(range.to) - Date.parse(range.from)).toBeGreaterThan(
      10 * 60_000 - replayWindowMs - 60_000,
    );
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: "error", obj: expect.objectContaining({ organizationId }) }),
    );
  });
});
