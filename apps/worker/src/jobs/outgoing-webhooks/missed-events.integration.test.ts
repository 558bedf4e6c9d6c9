import { insertOrganization } from "@crm/db/conversations/retention-fixtures";
import { replayWindowMs } from "@crm/domain/realtime/ports";
import { describe, expect, it, vi } from "vitest";
import { contactUpdated, useEventRecorders } from "./event-recorder-fixture";

/*
 * The realtime log keeps an organization's entries for its window (five minutes): a restart catches up what it
 * still keeps, however long the organization was quiet, and reports the range no worker recorded in time.
 */

const recording = useEventRecorders("missed-events");
const { url, logger, openLog, workerDeps, deliveries } = recording;

/** A worker starting: it catches up, then listens until the test ends. */
async function startWorker(windowMs?: number) {
  return recording.startRecorder(workerDeps(), (await openLog({ windowMs })).feed);
}

async function organizationWithWebhook(deps: ReturnType<typeof workerDeps>): Promise<string> {
  const organizationId = await insertOrganization(recording.db, 365);
  await recording.subscribeToContacts(deps, organizationId);
  return organizationId;
}

/** Every worker starts by catching up every organization of the shared database. */
const catchingUp = { timeout: 10_000 };

/** The organization's last recorded event was ten minutes ago, and its events were recorded until `until`. */
async function lastRecordedTenMinutesAgo(organizationId: string, until: Date): Promise<number> {
  const at = Date.now() - 10 * 60_000;
  await recording.db
    .insertInto("outgoing_webhook_cursors")
    .values({ organization_id: organizationId, last_entry_id: `${at}-0`, updated_at: until })
    .execute();
  return at;
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
