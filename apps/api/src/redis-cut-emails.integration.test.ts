import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { ApiProcess } from "./realtime/testing/api-process";
import { apiProcessServices, useApiBehindRedisProxy } from "./testing/api-behind-redis-proxy";

const randomHex = () => randomBytes(4).toString("hex");
const password = "correct horse battery";

/*
 * What an API process whose Redis went silent does with what must send an email: once the cut is noticed, an
 * invitation and a password change are refused (503, Retry-After) with nothing written; a password reset asked
 * before it is noticed is answered ok, and its lost email logged. The enqueue that fails before the cut is noticed
 * for the others: emails-not-queued.integration.test.ts.
 */
describe.skipIf(!apiProcessServices)("emails while the API's Redis is cut off", () => {
  const apiProcesses = useApiBehindRedisProxy();

  const call = async (api: ApiProcess, method: string, path: string, body?: object, token?: string) => {
    const answer = await fetch(`${api.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body && { "content-type": "application/json" }),
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body && JSON.stringify(body),
    });
    return {
      status: answer.status,
      headers: answer.headers,
      body: (await answer.json()) as Record<string, unknown>,
    };
  };

  async function registerOwner(api: ApiProcess) {
    const email = `owner-${randomHex()}@example.com`;
    const registered = await call(api, "POST", "/auth/register", {
      organizationName: "Loja",
      name: "Dona",
      email,
      password,
    });
    expect(registered.status, api.output()).toBe(200);
    return { email, token: registered.body.token as string };
  }

  it("refuses an invitation and a password change once the cut is noticed, writing nothing", async () => {
    const { api, proxy } = await apiProcesses.start({
      EMBEDDED_WORKER: "false",
      REDIS_HEARTBEAT_INTERVAL_MS: "1000",
      REDIS_HEARTBEAT_TIMEOUT_MS: "1000",
    });
    const owner = await registerOwner(api);
    const invitee = `invitee-${randomHex()}@example.com`;
    expect((await call(api, "POST", "/users", { email: invitee, role: "agent" }, owner.token)).status).toBe(
      201,
    );

    proxy.blackHole();
    await vi.waitFor(
      async () => {
        const probe = await call(api, "POST", "/auth/forgot-password", {
          email: `probe-${randomHex()}@example.com`,
        });
        expect(probe.status, api.output()).toBe(503);
      },
      { timeout: 30_000, interval: 200 },
    );

    const stranger = `stranger-${randomHex()}@example.com`;
    const refusals = [
      await call(api, "POST", "/users", { email: invitee, role: "admin" }, owner.token),
      await call(api, "POST", "/users", { email: stranger, role: "viewer" }, owner.token),
      await call(
        api,
        "POST",
        "/auth/change-password",
        { currentPassword: password, newPassword: "a brand new password" },
        owner.token,
      ),
    ];
    for (const refused of refusals) {
      expect(refused.status, api.output()).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("60");
      expect(refused.body).toMatchObject({ data: { appCode: "UNAVAILABLE", retryAfterSeconds: 60 } });
    }
    const listed = await call(api, "GET", "/invitations", undefined, owner.token);
    expect(listed.status, api.output()).toBe(200);
    const items = listed.body.items as Array<{ email: string; role: string; revokedAt: string | null }>;
    expect(items.map((i) => [i.email, i.role, i.revokedAt])).toEqual([[invitee, "agent", null]]);
    const login = await call(api, "POST", "/auth/login", { email: owner.email, password });
    expect(login.status, api.output()).toBe(200);

    proxy.up();
    await vi.waitFor(async () => expect((await fetch(`${api.baseUrl}/ready`)).status).toBe(200), {
      timeout: 30_000,
      interval: 200,
    });
    expect((await call(api, "POST", "/users", { email: stranger, role: "viewer" }, owner.token)).status).toBe(
      201,
    );
    expect(await api.stop()).toBe(0);
  }, 120_000);

  it("answers ok a password reset asked before the cut is noticed, and logs its email as not sent", async () => {
    // no heartbeat in the test's time: the reset's own commands are the first to meet the cut
    const { api, proxy } = await apiProcesses.start({
      EMBEDDED_WORKER: "false",
      REDIS_HEARTBEAT_INTERVAL_MS: "600000",
      REDIS_HEARTBEAT_TIMEOUT_MS: "1000",
    });
    const owner = await registerOwner(api);
    expect(api.output()).not.toContain("could not send a password reset");

    proxy.blackHole();
    const forgot = await call(api, "POST", "/auth/forgot-password", { email: owner.email });
    expect(forgot.status, api.output()).toBe(200);
    await vi.waitFor(() => expect(api.output()).toContain("could not send a password reset"), {
      timeout: 30_000,
      interval: 200,
    });
    // the cut is noticed now: the next one is refused
    const again = await call(api, "POST", "/auth/forgot-password", { email: owner.email });
    expect(again.status, api.output()).toBe(503);
    proxy.up();
    await vi.waitFor(async () => expect((await fetch(`${api.baseUrl}/ready`)).status).toBe(200), {
      timeout: 30_000,
      interval: 200,
    });
    expect(await api.stop()).toBe(0);
  }, 120_000);
});
