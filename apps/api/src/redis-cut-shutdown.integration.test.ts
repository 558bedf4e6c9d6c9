import { describe, expect, it } from "vitest";
import { apiProcessServices, useApiBehindRedisProxy } from "./testing/api-behind-redis-proxy";

/*
 * An API process whose every Redis connection is cut still stops gracefully on SIGTERM (`main.ts`: exit 0 after
 * "stopped"), rather than waiting for Redis until the forced exit.
 */
describe.skipIf(!apiProcessServices)("an API process cut off from Redis", () => {
  // jobs too: BullMQ's workers hold connections of their own
  const apiProcesses = useApiBehindRedisProxy();
  const startBehindProxy = () => apiProcesses.start({ EMBEDDED_WORKER: "true" });

  it("stops gracefully when its connections dropped and Redis refuses new ones", async () => {
    const { api, proxy } = await startBehindProxy();

    proxy.down();
    const code = await api.stop();

    expect(api.output()).toContain('"msg":"stopped"');
    expect(code, api.output()).toBe(0);
  }, 60_000);

  it("stops gracefully when its connections went silent (a partition: nothing is answered, nothing closes)", async () => {
    const { api, proxy } = await startBehindProxy();

    proxy.blackHole();
    const code = await api.stop();

    expect(api.output()).toContain('"msg":"stopped"');
    expect(code, api.output()).toBe(0);
  }, 60_000);
});
