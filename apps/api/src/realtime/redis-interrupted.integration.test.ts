import { randomUUID } from "node:crypto";
import { redisTestUrl } from "@crm/runtime/testing/redis-test-url";
import { startTcpProxy } from "@crm/runtime/testing/tcp-proxy";
import { afterAll, describe, expect, it } from "vitest";
import { publish } from "./testing/fixtures";
import { useRealtimeTestApi } from "./testing/realtime-test-api";

/*
 * A replica whose Redis connection drops and comes back did not hear what was published meanwhile: its
 * connected clients, whose own sockets stayed open, are told to refetch.
 */

const url = redisTestUrl();
const proxy = url ? await startTcpProxy(url) : undefined;
// closed after the API (hooks run in reverse order), which quits its connections through it
afterAll(() => proxy?.close());
const rt = useRealtimeTestApi(proxy ? { REDIS_URL: proxy.url } : {});

const [before, after] = [randomUUID(), randomUUID()];
const contactUpdated = (contactId: string) => ({ contactId, change: "updated" });

describe.skipIf(!proxy)("a replica whose Redis connection drops", () => {
  it("tells its open subscriptions to resync once it hears events again, before any later event", async () => {
    const owner = await rt.api.register();
    const organizationId = owner.user.organizationId;
    const client = await rt.connect({ token: owner.token });
    await publish(rt.api.container, organizationId, "contact_updated", contactUpdated(before));
    await client.waitFor((received) => received.length === 1);

    // its subscriber's connection only, as `CLIENT KILL` would; the client's own socket stays open
    proxy?.drop("crm-realtime-sub");
    await client.waitFor((received) => received.length === 2);
    await publish(rt.api.container, organizationId, "contact_updated", contactUpdated(after));

    await client.waitFor((received) => received.length === 3);
    expect(client.received.map((e) => e.event)).toEqual([
      expect.objectContaining({ type: "contact_updated", payload: contactUpdated(before) }),
      expect.objectContaining({ type: "resync_required", payload: { reason: "interrupted" } }),
      expect.objectContaining({ type: "contact_updated", payload: contactUpdated(after) }),
    ]);
    // resuming from the last event before the gap
    expect(client.received[1]?.id).toBe(client.received[0]?.id);
  });
});
