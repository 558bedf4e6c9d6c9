import { insertOrganization } from "@crm/db/conversations/retention-fixtures";
import { uniqueTestPrefix } from "@crm/runtime/testing/redis-test-url";
import { startTcpProxy, type TcpProxy } from "@crm/runtime/testing/tcp-proxy";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { contactUpdated, useEventRecorders } from "./event-recorder-fixture";

/*
 * A running worker whose Redis connection drops and comes back: what the API published meanwhile was not heard
 * live. The worker reaches Redis through a proxy the test cuts; the API publishes directly.
 */

const recording = useEventRecorders("webhooks-reconnect");
const { url, openLog, workerDeps, subscribeToContacts, deliveries } = recording;
/** Reconnecting takes the client's retry delay, and catching up reads every organization. */
const reconnecting = { timeout: 15_000, interval: 100 };
const proxies: TcpProxy[] = [];
let redis: Redis;

beforeAll(() => {
  redis = new Redis(url ?? "");
});
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await redis.quit();
});

/** The API, publishing straight to Redis, and a recording worker behind a proxy. */
async function apiAndWorker(windowMs?: number) {
  const prefix = uniqueTestPrefix("webhooks-reconnect");
  const proxy = await startTcpProxy(url ?? "");
  proxies.push(proxy);
  const api = await openLog({ prefix, windowMs });
  const deps = workerDeps();
  const recorder = await recording.startRecorder(
    deps,
    (await openLog({ prefix, through: proxy.url, windowMs })).feed,
  );
  const organizationId = await insertOrganization(recording.db, 365);
  await subscribeToContacts(deps, organizationId);
  /** Waits until Redis counts the worker among the listeners of the log (or no longer does). */
  const workerListening = (listening: boolean) =>
    vi.waitFor(async () => {
      const [, count] = (await redis.pubsub("NUMSUB", `${prefix}crm:realtime:feed`)) as [string, number];
      expect(count).toBe(listening ? 2 : 1);
    }, reconnecting);
  return { api, deps, recorder, proxy, organizationId, workerListening };
}

/** Each delivery as its contact id, or `missed` for an `events_missed` report, in event order. */
async function delivered(organizationId: string): Promise<string[]> {
  return (await deliveries(organizationId)).map((delivery) =>
    delivery.type === "events_missed" ? "missed" : String((delivery.data as { contactId: string }).contactId),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!url)("a worker whose Redis connection drops and comes back", () => {
  it("records, once reconnected, the events published while it was cut off, before any later one", async () => {
    const { api, recorder, proxy, organizationId, workerListening } = await apiAndWorker();
    await api.events.publish(contactUpdated(organizationId, "before"));
    await vi.waitFor(async () => expect(await delivered(organizationId)).toEqual(["before"]));

    proxy.down();
    await workerListening(false);
    await api.events.publish(contactUpdated(organizationId, "while-cut-1"));
    await api.events.publish(contactUpdated(organizationId, "while-cut-2"));
    // the timer keeps ticking meanwhile
    await recorder.tick();
    proxy.up();
    await workerListening(true);
    // heard live: recording it first would move the cursor past the two missed
    await api.events.publish(contactUpdated(organizationId, "after"));

    await vi.waitFor(
      async () =>
        expect(await delivered(organizationId)).toEqual(["before", "while-cut-1", "while-cut-2", "after"]),
      reconnecting,
    );
  });

  it("reports the range as missed when the log dropped what was published while it was cut off", async () => {
    // a log that keeps one second: being cut off for longer loses what was published meanwhile
    const { api, deps, recorder, proxy, organizationId, workerListening } = await apiAndWorker(1_000);
    await api.events.publish(contactUpdated(organizationId, "before"));
    await vi.waitFor(async () => expect(await delivered(organizationId)).toEqual(["before"]));

    proxy.down();
    await workerListening(false);
    await api.events.publish(contactUpdated(organizationId, "lost"));
    await sleep(2_500);
    // a tick while cut off would mark the organization recorded until now (a minute on, past the coarse mark)
    const { clock } = deps;
    deps.clock = { now: () => new Date(Date.now() + 60_000) };
    await recorder.tick();
    deps.clock = clock;
    proxy.up();
    await workerListening(true);
    await api.events.publish(contactUpdated(organizationId, "after"));

    await vi.waitFor(
      async () => expect(await delivered(organizationId)).toEqual(["before", "missed", "after"]),
      reconnecting,
    );
  });

  it("holds later events back while what it missed cannot be read, so its cursor never skips them", async () => {
    const { api, deps, recorder, proxy, organizationId, workerListening } = await apiAndWorker();
    await api.events.publish(contactUpdated(organizationId, "before"));
    await vi.waitFor(async () => expect(await delivered(organizationId)).toEqual(["before"]));

    proxy.down();
    await workerListening(false);
    await api.events.publish(contactUpdated(organizationId, "while-cut"));
    // the database is away when it reconnects, and still when the next event comes
    const organizations = vi
      .spyOn(deps.store.subscriptions, "organizationsWithActive")
      .mockRejectedValueOnce(new Error("the database is away"))
      .mockRejectedValueOnce(new Error("the database is away"));
    proxy.up();
    await workerListening(true);
    await api.events.publish(contactUpdated(organizationId, "after"));
    await vi.waitFor(() => expect(organizations).toHaveBeenCalledTimes(2), reconnecting);
    expect(await delivered(organizationId)).toEqual(["before"]);

    await recorder.tick();

    expect(await delivered(organizationId)).toEqual(["before", "while-cut", "after"]);
  });
});
