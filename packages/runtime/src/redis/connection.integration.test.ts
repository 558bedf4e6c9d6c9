import { Redis } from "ioredis";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { startTcpProxy } from "../testing/tcp-proxy";
import { closeRedisClient } from "./connection";

const url = redisTestUrl();

/** A client through a proxy the test can cut, ready to use. */
async function clientBehindProxy() {
  const proxy = await startTcpProxy(url ?? "");
  onTestFinished(() => proxy.close());
  const client = new Redis(proxy.url, { maxRetriesPerRequest: null });
  client.on("error", () => undefined);
  onTestFinished(() => client.disconnect());
  await client.ping();
  return { proxy, client };
}

describe.skipIf(!url)("closeRedisClient", () => {
  it("quits gracefully while Redis answers: a command sent before is still carried out", async () => {
    const { client } = await clientBehindProxy();
    const key = uniqueTestPrefix("close");
    const set = client.set(key, "1", "EX", 60);

    await closeRedisClient(client);

    expect(await set).toBe("OK");
    await vi.waitFor(() => expect(client.status).toBe("end"));
    const direct = new Redis(url ?? "");
    expect(await direct.get(key)).toBe("1");
    await direct.quit();
  });

  it("drops a connection that went silent instead of waiting for an answer to QUIT", async () => {
    const { proxy, client } = await clientBehindProxy();
    proxy.blackHole();

    await closeRedisClient(client, 100);

    await vi.waitFor(() => expect(client.status).toBe("end"), { timeout: 10_000 });
  });

  it("gives up on a Redis that cannot be reached, although a command waits for it (maxRetriesPerRequest: null)", async () => {
    const { proxy, client } = await clientBehindProxy();
    proxy.down();
    await vi.waitFor(() => expect(client.status).toBe("reconnecting"));
    // QUIT would wait behind it; it stays pending (ioredis settles no queued command on a disconnect mid-reconnect)
    void client.get("any").catch(() => undefined);

    await closeRedisClient(client, 100);
  });
});
