import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { newEmail } from "./auth-fixtures";

const api = useTestApi();

describe("API keys", () => {
  it("authenticates an integrator with its role until it is revoked, then answers 401", async () => {
    const owner = await api.register();
    const created = await api.rest<{ apiKey: { id: string; prefix: string }; secret: string }>(
      "POST",
      "/api-keys",
      {
        token: owner.token,
        body: { name: "Zapier", role: "viewer" },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.secret.startsWith(created.body.apiKey.prefix)).toBe(true);

    const viaKey = await api.rest<{ id: string }>("GET", "/organizations/current", {
      token: created.body.secret,
    });
    expect(viaKey.status).toBe(200);
    expect(viaKey.body.id).toBe(owner.organization.id);
    expect(
      (
        await api.rest("POST", "/users", {
          token: created.body.secret,
          body: { email: newEmail(), role: "agent" },
        })
      ).status,
    ).toBe(403);

    const listed = await api.rest<{ items: Array<{ id: string; secret?: string }> }>("GET", "/api-keys", {
      token: owner.token,
    });
    expect(listed.body.items.map((k) => k.id)).toContain(created.body.apiKey.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);

    expect(
      (await api.rest("DELETE", `/api-keys/${created.body.apiKey.id}`, { token: owner.token })).status,
    ).toBe(200);
    expect((await api.rest("GET", "/organizations/current", { token: created.body.secret })).status).toBe(
      401,
    );
  });

  it("an admin cannot revoke an owner's key (403, it keeps working) but revokes an admin's", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const ownerKey = await api.trpc(owner.token).apiKeys.create.mutate({ name: "Owner's", role: "owner" });
    const refused = await api.rest("DELETE", `/api-keys/${ownerKey.apiKey.id}`, { token: admin.token });
    expect(refused.status).toBe(403);
    expect((await api.rest("GET", "/organizations/current", { token: ownerKey.secret })).status).toBe(200);

    const adminKey = await api.trpc(owner.token).apiKeys.create.mutate({ name: "Admin's", role: "admin" });
    expect((await api.rest("DELETE", `/api-keys/${adminKey.apiKey.id}`, { token: admin.token })).status).toBe(
      200,
    );
    expect((await api.rest("GET", "/organizations/current", { token: adminKey.secret })).status).toBe(401);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await api.rest("DELETE", `/api-keys/${unknown}`, { token: admin.token })).status).toBe(404);
  });

  it("revoking is idempotent: again answers 200 with the first revocation's time, over REST and tRPC", async () => {
    const owner = await api.register();
    const { apiKey } = await api.trpc(owner.token).apiKeys.create.mutate({ name: "Twice", role: "agent" });
    const first = await api.rest<{ revokedAt: string }>("DELETE", `/api-keys/${apiKey.id}`, {
      token: owner.token,
    });
    expect(first.status).toBe(200);
    expect(first.body.revokedAt).toEqual(expect.any(String));
    const again = await api.rest<{ id: string; revokedAt: string }>("DELETE", `/api-keys/${apiKey.id}`, {
      token: owner.token,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: apiKey.id, revokedAt: first.body.revokedAt });
    const overTrpc = await api.trpc(owner.token).apiKeys.revoke.mutate({ id: apiKey.id });
    expect(overTrpc.revokedAt).toBe(first.body.revokedAt);
  });

  it("cannot be used to refresh a session or read /auth/me", async () => {
    const owner = await api.register();
    const { secret } = await api.trpc(owner.token).apiKeys.create.mutate({ name: "CI", role: "admin" });
    expect((await api.rest("POST", "/auth/refresh", { token: secret, body: {} })).status).toBe(403);
  });
});
