import { once } from "node:events";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { createFallbackRateLimiter } from "../rate-limit/fallback-rate-limiter";
import { createMemoryRateLimiter } from "../rate-limit/memory-rate-limiter";
import { createRedisRateLimiter } from "../rate-limit/redis-rate-limiter";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { startTcpProxy } from "../testing/tcp-proxy";
import { createRedisRequestConnection } from "./request-connection";

const url = redisTestUrl();
const heartbeat = { intervalMs: 200, timeoutMs: 300 };

/** A request connection through a proxy the test can make silent, ready to use. */
async function requestConnectionBehindProxy() {
  const proxy = await startTcpProxy(url ?? "");
  onTestFinished(() => proxy.close());
  const client = createRedisRequestConnection(proxy.url, heartbeat);
  client.on("error", () => undefined);
  onTestFinished(() => client.disconnect());
  await once(client, "ready");
  return { proxy, client };
}

describe.skipIf(!url)("a Redis request connection that went silent", () => {
  it("fails commands instead of holding them, and is made again once the network is back", async () => {
    const { proxy, client } = await requestConnectionBehindProxy();
    const key = uniqueTestPrefix("request");
    proxy.blackHole();

    await expect(client.incr(key)).rejects.toThrow();
    // the heartbeat took it for dead: commands fail at once while it cannot be made again
    await vi.waitFor(() => expect(client.status).not.toBe("ready"), { timeout: 10_000 });
    await expect(client.incr(key)).rejects.toThrow();

    proxy.up();
    await vi.waitFor(async () => expect(await client.incr(key)).toBeGreaterThan(0), { timeout: 10_000 });
    await client.del(key);
  });

  it("lets a rate limit be counted by the process alone, still refusing past the limit", async () => {
    const { proxy, client } = await requestConnectionBehindProxy();
    const logger = { warn: vi.fn(), error: vi.fn(), info: vi.fn(), debug: vi.fn() };
    const limiter = createFallbackRateLimiter(
      createRedisRateLimiter(client, { prefix: uniqueTestPrefix("fallback") }),
      createMemoryRateLimiter(),
      logger,
    );
    proxy.blackHole();

    const verdicts = [];
    for (let attempt = 0; attempt < 3; attempt += 1) verdicts.push(await limiter.consume("login", 2, 60));

    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, false]);
    expect(logger.warn).toHaveBeenCalled();
  });
});
