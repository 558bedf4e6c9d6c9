import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@crm/db";
import type { Database } from "@crm/db/database.gen";
import { createTestDatabase } from "@crm/db/testing/test-database";
import { type EventRecorder, startRecordingEvents } from "@crm/domain/outgoing-webhooks/event-recorder";
import { secretContext } from "@crm/domain/outgoing-webhooks/subscriptions";
import type { DomainEvent } from "@crm/domain/shared/events";
import { createCredentialCipher } from "@crm/integrations";
import { createInProcessQueue } from "@crm/runtime";
import { createRedisRealtime, type RedisRealtimeBus } from "@crm/runtime/realtime/redis-realtime";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { redisTestUrl, uniqueTestPrefix } from "@crm/runtime/testing/redis-test-url";
import type { Kysely } from "kysely";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createOutgoingWebhooksDeps } from "./outgoing-webhooks-deps";

/**
 * For the tests of workers recording outgoing webhook deliveries from the realtime log in Redis: the test
 * database, the realtime logs a test opens (closed when the file ends) and the recorders it starts with
 * `startRecorder` (stopped after each test). Call at the top of a test file; read `db` inside tests.
 */
export function useEventRecorders(prefixName: string) {
  const url = redisTestUrl();
  const logger = createRecordingLogger();
  const prefix = uniqueTestPrefix(prefixName);
  let database: DatabaseHandle | undefined;
  const buses: RedisRealtimeBus[] = [];
  const recorders: EventRecorder[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => {
    for (const recorder of recorders.splice(0)) recorder.stop();
  });
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await database?.close();
  });

  const db = (): Kysely<Database> => {
    if (!database) throw new Error("useEventRecorders: read db inside a test, after beforeAll");
    return database.db;
  };

  /** What a worker records with: the test database, a fake cipher, and a queue of its own unless given one. */
  function workerDeps(queue = createInProcessQueue({ logger })) {
    return createOutgoingWebhooksDeps({
      db: db(),
      cipher: createCredentialCipher(Buffer.alloc(32, 7)),
      queue,
      logger,
      settings: { allowHttp: true, allowPrivate: true },
    });
  }

  return {
    /** Redis's URL, or undefined when the tests run without one (they skip). */
    url,
    logger,
    get db() {
      return db();
    },
    workerDeps,
    /** The realtime log under the file's prefix (or `options.prefix`), reached at Redis's URL or `options.through`. */
    async openLog(options: { prefix?: string; through?: string; windowMs?: number } = {}) {
      const bus = createRedisRealtime({
        url: options.through ?? url ?? "",
        logger,
        prefix: options.prefix ?? prefix,
        ...(options.windowMs ? { windowMs: options.windowMs } : {}),
      });
      buses.push(bus);
      await bus.ready();
      return bus;
    },
    /** A worker recording from `feed`: it catches up, then listens until the test ends. */
    async startRecorder(
      deps: ReturnType<typeof workerDeps>,
      feed: Parameters<typeof startRecordingEvents>[1],
    ): Promise<EventRecorder> {
      const recorder = await startRecordingEvents(deps, feed);
      recorders.push(recorder);
      return recorder;
    },
    /**
     * The organization's deliveries in the order they were recorded: by time, then by event id (a report of missed
     * events has an id that sorts after the log's, so time comes first).
     */
    async deliveries(organizationId: string): Promise<Array<{ type: string; data: unknown }>> {
      const rows = await db()
        .selectFrom("outgoing_webhook_deliveries")
        .select(["event_type", "payload"])
        .where("organization_id", "=", organizationId)
        .orderBy("created_at")
        .orderBy("event_id")
        .execute();
      return rows.map((row) => ({ type: row.event_type, data: (row.payload as { data: unknown }).data }));
    },
    /** A webhook of the organization that wants `contact_updated`. */
    async subscribeToContacts(
      deps: ReturnType<typeof workerDeps>,
      organizationId: string,
      hookUrl = "http://127.0.0.1:9/hook",
    ) {
      const id = randomUUID();
      await deps.store.subscriptions.create(
        organizationId,
        id,
        {
          url: hookUrl,
          description: null,
          events: ["contact_updated"],
          isActive: true,
          secret: deps.cipher.seal("whsec_test", secretContext(organizationId, id)),
          secretHint: "…test",
        },
        20,
      );
    },
  };
}

export const contactUpdated = (organizationId: string, contactId: string): DomainEvent => ({
  type: "contact_updated",
  organizationId,
  payload: { contactId, change: "updated" },
  occurredAt: new Date().toISOString(),
});
