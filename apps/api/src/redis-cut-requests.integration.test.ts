import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { ApiProcess } from "./realtime/testing/api-process";
import { apiProcessServices, useApiBehindRedisProxy } from "./testing/api-behind-redis-proxy";

const randomHex = () => randomBytes(4).toString("hex");

/*
 * An API process whose Redis went silent (a partition: nothing answered, nothing closed, new connections silent
 * too) still answers: rate limits are counted by the process alone, an enqueue fails instead of waiting, a password
 * reset is refused (its email would be lost) the same way for any email, /ready says Redis is not there. Once the network is back, the connection is made again without a restart.
 */
describe.skipIf(!apiProcessServices)("an API process whose Redis went silent", () => {
  const apiProcesses = useApiBehindRedisProxy();

  const post = (api: ApiProcess, path: string, body: object) =>
    fetch(`${api.baseUrl}/api/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers rate-limited and enqueueing requests, and reconnects once the network is back", async () => {
    const { api, proxy } = await apiProcesses.start({
      EMBEDDED_WORKER: "false",
      REDIS_HEARTBEAT_INTERVAL_MS: "1000",
      REDIS_HEARTBEAT_TIMEOUT_MS: "1000",
    });
    const email = `owner-${randomHex()}@example.com`;
    const registered = await post(api, "/auth/register", {
      organizationName: "Loja",
      name: "Dona",
      email,
      password: "correct horse battery",
    });
    expect(registered.status).toBe(200);

    proxy.blackHole();

    const login = await post(api, "/auth/login", { email, password: "wrong horse battery" });
    expect(login.status, api.output()).toBe(401);
    expect(api.output()).toContain("rate limit counted by this process alone");
    // once the heartbeat has found the cut (until then a reset may still be answered ok, and its email lost),
    // a reset is refused: its email would not be sent
    await vi.waitFor(
      async () => {
        const probe = await post(api, "/auth/forgot-password", { email: `probe-${randomHex()}@example.com` });
        expect(probe.status, api.output()).toBe(503);
      },
      { timeout: 30_000, interval: 200 },
    );
    // the same answer for an email with an account and one without: the refusal tells nothing about accounts
    const unknownEmail = `nobody-${randomHex()}@example.com`;
    const [known, unknown] = await Promise.all([
      post(api, "/auth/forgot-password", { email }),
      post(api, "/auth/forgot-password", { email: unknownEmail }),
    ]);
    for (const answer of [known, unknown]) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("60");
    }
    const [knownBody, unknownBody] = await Promise.all([known.json(), unknown.json()]);
    expect(knownBody).toEqual(unknownBody);
    expect(knownBody).toMatchObject({
      message: "The password reset email cannot be sent right now: try again in a few minutes",
      data: { appCode: "UNAVAILABLE", retryAfterSeconds: 60 },
    });
    expect(api.output()).not.toContain("could not send a password reset");
    const ready = await fetch(`${api.baseUrl}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: { redis: string } }).checks.redis).not.toBe("ok");

    proxy.up();
    await vi.waitFor(async () => expect((await fetch(`${api.baseUrl}/ready`)).status).toBe(200), {
      timeout: 30_000,
      interval: 200,
    });
    for (const address of [email, unknownEmail]) {
      const forgot = await post(api, "/auth/forgot-password", { email: address });
      expect(forgot.status, api.output()).toBe(200);
    }
    expect(await api.stop()).toBe(0);
  }, 120_000);
});
