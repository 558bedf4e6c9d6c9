import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";

const api = useTestApi();

describe("sessions", () => {
  it("logout ends the session", async () => {
    const owner = await api.register();
    expect((await api.rest("POST", "/auth/logout", { token: owner.token, body: {} })).status).toBe(200);
    expect((await api.rest("GET", "/auth/me", { token: owner.token })).status).toBe(401);
  });

  it("answers the session probe without an error for an anonymous visitor; auth.me still refuses", async () => {
    const owner = await api.register();
    expect(await api.trpc().auth.session.query()).toBeNull();
    expect(await api.trpc("not-a-session").auth.session.query()).toBeNull();
    const signedIn = await api.trpc(owner.token).auth.session.query();
    expect(signedIn?.user.id).toBe(owner.user.id);
    expect(signedIn?.organization.id).toBe(owner.user.organizationId);
    const { secret } = await api.trpc(owner.token).apiKeys.create.mutate({ name: "CI", role: "admin" });
    expect(await api.trpc(secret).auth.session.query()).toBeNull();

    await api.rest("POST", "/auth/logout", { token: owner.token, body: {} });
    expect(await api.trpc(owner.token).auth.session.query()).toBeNull();
    await expect(api.trpc().auth.me.query()).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });
  });

  it("refresh rotates the token: the new one works, the old one no longer does", async () => {
    const owner = await api.register();
    const res = await api.rest<{ token: string; expiresAt: string }>("POST", "/auth/refresh", {
      token: owner.token,
      body: {},
    });
    expect(res.status).toBe(200);
    expect(res.body.token).not.toBe(owner.token);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    expect((await api.rest("GET", "/auth/me", { token: res.body.token })).status).toBe(200);
    expect((await api.rest("GET", "/auth/me", { token: owner.token })).status).toBe(401);
  });

  it("slides an aging session forward when it is used", async () => {
    const owner = await api.register();
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    await api.container.db.db
      .updateTable("sessions")
      .set({ expires_at: soon })
      .where("user_id", "=", owner.user.id)
      .execute();
    expect((await api.rest("GET", "/auth/me", { token: owner.token })).status).toBe(200);
    const row = await api.container.db.db
      .selectFrom("sessions")
      .select("expires_at")
      .where("user_id", "=", owner.user.id)
      .executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  it("refuses an expired session", async () => {
    const owner = await api.register();
    await api.container.db.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", owner.user.id)
      .execute();
    expect((await api.rest("GET", "/auth/me", { token: owner.token })).status).toBe(401);
  });

  it("stores only a hash of the session token", async () => {
    const owner = await api.register();
    const rows = await api.container.db.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", owner.user.id)
      .execute();
    expect(rows.map((r) => r.id)).not.toContain(owner.token);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("cookie authentication", () => {
  const cookieFor = (token: string) => `crm_session=${token}`;

  it("accepts cookie-authenticated mutations from an allowed origin", async () => {
    const owner = await api.register();
    const res = await api.rest("PATCH", "/organizations/current", {
      body: { name: "Renamed by cookie" },
      headers: { cookie: cookieFor(owner.token), origin: "http://localhost:3000" },
    });
    expect(res.status).toBe(200);
  });

  it("refuses cookie-authenticated mutations from another origin or with no origin", async () => {
    const owner = await api.register();
    const foreign = await api.rest("PATCH", "/organizations/current", {
      body: { name: "CSRF" },
      headers: { cookie: cookieFor(owner.token), origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    const none = await api.rest("PATCH", "/organizations/current", {
      body: { name: "CSRF" },
      headers: { cookie: cookieFor(owner.token) },
    });
    expect(none.status).toBe(403);
    const org = await api.rest<{ name: string }>("GET", "/organizations/current", { token: owner.token });
    expect(org.body.name).not.toBe("CSRF");
  });

  it("lets cookie-authenticated reads through without an origin", async () => {
    const owner = await api.register();
    const res = await api.rest("GET", "/auth/me", { headers: { cookie: cookieFor(owner.token) } });
    expect(res.status).toBe(200);
  });
});
