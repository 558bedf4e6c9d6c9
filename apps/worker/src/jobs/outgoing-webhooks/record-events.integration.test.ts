import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { insertOrganization } from "@crm/db/conversations/retention-fixtures";
import { startRecordingEvents } from "@crm/domain/outgoing-webhooks/event-recorder";
import { createInProcessQueue } from "@crm/runtime";
import { describe, expect, it, vi } from "vitest";
import { deliverWebhookJob } from "./deliver-webhook";
import { contactUpdated, useEventRecorders } from "./event-recorder-fixture";

/*
 * Events become deliveries from the realtime log in Redis: live, and after a restart from the organization's
 * stored cursor, as far back as the log keeps. The API publishes; "workers" come and go.
 */

const recording = useEventRecorders("outgoing-webhooks");
const { url, logger, openLog, workerDeps, subscribeToContacts, deliveries } = recording;

async function deliveredContacts(organizationId: string): Promise<string[]> {
  return (await deliveries(organizationId)).map((delivery) =>
    String((delivery.data as { contactId: string }).contactId),
  );
}

describe.skipIf(!url)("recording outgoing webhook deliveries from the realtime log", () => {
  it("catches up, after a restart, the events published while no worker ran, each once", async () => {
    const organizationId = await insertOrganization(recording.db, 365);
    const deps = workerDeps();
    await subscribeToContacts(deps, organizationId);
    const api = await openLog();

    const firstWorker = await openLog();
    const first = await startRecordingEvents(deps, firstWorker.feed);
    await api.events.publish(contactUpdated(organizationId, "before"));
    await vi.waitFor(async () => expect(await deliveredContacts(organizationId)).toEqual(["before"]));
    first.stop();

    await api.events.publish(contactUpdated(organizationId, "while-down-1"));
    await api.events.publish({ ...contactUpdated(organizationId, "typing"), type: "user_typing" });
    await api.events.publish(contactUpdated(organizationId, "while-down-2"));

    // two workers start: both replay from the cursor and hear what follows; the constraint keeps one of each
    const restarted = [await openLog(), await openLog()];
    const recorders = await Promise.all(restarted.map((log) => startRecordingEvents(workerDeps(), log.feed)));
    await api.events.publish(contactUpdated(organizationId, "after"));

    await vi.waitFor(async () =>
      expect(await deliveredContacts(organizationId)).toEqual([
        "before",
        "while-down-1",
        "while-down-2",
        "after",
      ]),
    );
    for (const recorder of recorders) recorder.stop();
  });

  it("records an event whose recording failed before the next one, so none is skipped", async () => {
    const organizationId = await insertOrganization(recording.db, 365);
    const deps = workerDeps();
    await subscribeToContacts(deps, organizationId);
    const api = await openLog();
    const worker = await openLog();
    const insertMany = vi
      .spyOn(deps.store.deliveries, "insertMany")
      .mockRejectedValueOnce(new Error("the database is away"));
    const recorder = await startRecordingEvents(deps, worker.feed);

    await api.events.publish(contactUpdated(organizationId, "failed-once"));
    await vi.waitFor(() => expect(insertMany).toHaveBeenCalledTimes(1));
    await api.events.publish(contactUpdated(organizationId, "next"));

    await vi.waitFor(async () =>
      expect(await deliveredContacts(organizationId)).toEqual(["failed-once", "next"]),
    );
    const cursor = await deps.store.cursors.find(organizationId);
    const nextId = await recording.db
      .selectFrom("outgoing_webhook_deliveries")
      .select("event_id")
      .where("organization_id", "=", organizationId)
      .orderBy("event_id", "desc")
      .executeTakeFirstOrThrow();
    expect(cursor).toBe(nextId.event_id);
    recorder.stop();
  });

  it("records and delivers an event whose recording failed on the next tick, though no event follows", async () => {
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      received.push(String(request.headers["x-crm-event"]));
      request.resume().on("end", () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const organizationId = await insertOrganization(recording.db, 365);
    const queue = createInProcessQueue({ logger });
    const deps = workerDeps(queue);
    queue.process("outgoing-webhook-deliver", (payload) => deliverWebhookJob(deps, payload));
    const port = (receiver.address() as AddressInfo).port;
    await subscribeToContacts(deps, organizationId, `http://127.0.0.1:${port}/hook`);
    const api = await openLog();
    const worker = await openLog();
    const insertMany = vi
      .spyOn(deps.store.deliveries, "insertMany")
      .mockRejectedValueOnce(new Error("the database is away"));
    const recorder = await startRecordingEvents(deps, worker.feed);

    await api.events.publish(contactUpdated(organizationId, "went-quiet"));
    await vi.waitFor(() => expect(insertMany).toHaveBeenCalledTimes(1));
    // the database is back, and the organization publishes nothing more: only the timer retries
    await recorder.tick();

    expect(await deliveredContacts(organizationId)).toEqual(["went-quiet"]);
    await vi.waitFor(() => expect(received).toEqual(["contact_updated"]));
    recorder.stop();
    await queue.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });
});
