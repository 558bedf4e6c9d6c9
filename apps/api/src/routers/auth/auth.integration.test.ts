import { linkToken } from "@crm/worker/testing/smtp-sink";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";

type ErrorBody = {
  message: string;
  code: string;
  data?: { appCode: string; fieldErrors: Record<string, string[]> | null };
};
type SignedInBody = {
  token: string;
  user: { id: string; email: string; role: string };
  organization: { id: string; name: string };
};

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const newEmail = () => `user-${Math.random().toString(36).slice(2, 10)}@example.com`;
const registerBody = (email = newEmail()) => ({
  organizationName: "Padaria Pão Quente",
  name: "Maria Silva",
  email,
  password: "correct horse battery",
});

describe("register", () => {
  it("creates the organization and its owner, returns a working bearer token and sets an httpOnly cookie", async () => {
    const res = await api.rest<SignedInBody>("POST", "/auth/register", { body: registerBody() });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe("owner");
    expect(res.headers.get("set-cookie")).toMatch(/crm_session=.+HttpOnly/i);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);

    const current = await api.rest<{
      id: string;
      name: string;
      slug: string;
      dataRetentionDays: number;
      defaultCurrency: string;
    }>("GET", "/organizations/current", { token: res.body.token });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({
      id: res.body.organization.id,
      name: "Padaria Pão Quente",
      slug: expect.stringMatching(/^padaria-pao-quente/),
      dataRetentionDays: 730,
      defaultCurrency: "BRL",
    });
  });

  it("answers 409 for an email that already has an account, whatever its case", async () => {
    const email = newEmail();
    expect((await api.rest("POST", "/auth/register", { body: registerBody(email) })).status).toBe(200);
    const again = await api.rest<ErrorBody>("POST", "/auth/register", {
      body: registerBody(email.toUpperCase()),
    });
    expect(again.status).toBe(409);
    expect(again.body.data?.fieldErrors?.email).toBeDefined();
  });

  it("answers 400 with a field error for a weak password and writes nothing", async () => {
    const email = newEmail();
    const res = await api.rest<ErrorBody>("POST", "/auth/register", {
      body: { ...registerBody(email), password: "short" },
    });
    expect(res.status).toBe(400);
    expect(res.body.data?.fieldErrors?.password?.[0]).toMatch(/at least 10/);
    const login = await api.rest("POST", "/auth/login", { body: { email, password: "short" } });
    expect(login.status).toBe(401);
  });

  it("answers 400 with a field error for a malformed email", async () => {
    const res = await api.rest<ErrorBody>("POST", "/auth/register", {
      body: { ...registerBody(), email: "not-an-email" },
    });
    expect(res.status).toBe(400);
    expect(res.body.data?.fieldErrors?.email).toBeDefined();
  });

  it("answers 400 naming the missing fields", async () => {
    const res = await api.rest<ErrorBody>("POST", "/auth/register", { body: { email: newEmail() } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.data?.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["organizationName", "name", "password"]),
    );
  });
});

describe("login", () => {
  it("signs in with the right password", async () => {
    const owner = await api.register();
    const res = await api.rest<SignedInBody>("POST", "/auth/login", {
      body: { email: owner.user.email.toUpperCase(), password: owner.password },
    });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(owner.user.id);
    expect(res.body.token).not.toBe(owner.token);
  });

  it("answers 401 with the same message for a wrong password and for an unknown email", async () => {
    const owner = await api.register();
    const wrong = await api.rest<ErrorBody>("POST", "/auth/login", {
      body: { email: owner.user.email, password: "wrong password!" },
    });
    const unknown = await api.rest<ErrorBody>("POST", "/auth/login", {
      body: { email: newEmail(), password: "wrong password!" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.data?.appCode).toBe("INVALID_CREDENTIALS");
  });

  it("answers 429 after too many attempts for one email, even with the right password", async () => {
    const owner = await api.register();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await api.rest("POST", "/auth/login", {
            body: { email: owner.user.email, password: "wrong password!" },
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const right = await api.rest<ErrorBody & { data: { retryAfterSeconds: number } }>("POST", "/auth/login", {
      body: { email: owner.user.email, password: owner.password },
    });
    expect(right.status).toBe(429);
    expect(right.body.data.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("per-address rate limit", () => {
  it("answers 429 once one address has used up its sign-up attempts", async () => {
    const strict = await startTestApi({ AUTH_RATE_LIMIT_PER_IP: "3" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await strict.rest("POST", "/auth/register", { body: registerBody() })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await strict.close();
    }
  });
});

describe("sessions", () => {
  it("logout ends the session", async () => {
    const owner = await api.register();
    expect((await api.rest("POST", "/auth/logout", { token: owner.token, body: {} })).status).toBe(200);
    expect((await api.rest("GET", "/auth/me", { token: owner.token })).status).toBe(401);
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

describe("password reset", () => {
  it("emails a link whose token sets a new password once and signs out every session", async () => {
    const owner = await api.register();
    const forgot = await api.rest("POST", "/auth/forgot-password", { body: { email: owner.user.email } });
    expect(forgot.status).toBe(200);
    const token = linkToken(await api.smtp.waitFor(owner.user.email), "reset-password");

    const reset = await api.rest("POST", "/auth/reset-password", {
      body: { token, password: "a brand new password" },
    });
    expect(reset.status).toBe(200);
    expect((await api.rest("GET", "/auth/me", { token: owner.token })).status).toBe(401);
    const login = await api.rest("POST", "/auth/login", {
      body: { email: owner.user.email, password: "a brand new password" },
    });
    expect(login.status).toBe(200);

    const reused = await api.rest<ErrorBody>("POST", "/auth/reset-password", {
      body: { token, password: "yet another password" },
    });
    expect(reused.status).toBe(400);
    expect(reused.body.data?.appCode).toBe("INVALID_TOKEN");
  });

  it("refuses an expired token", async () => {
    const owner = await api.register();
    await api.rest("POST", "/auth/forgot-password", { body: { email: owner.user.email } });
    const token = linkToken(await api.smtp.waitFor(owner.user.email), "reset-password");
    await api.container.db.db
      .updateTable("password_reset_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", owner.user.id)
      .execute();
    const res = await api.rest("POST", "/auth/reset-password", {
      body: { token, password: "a brand new password" },
    });
    expect(res.status).toBe(400);
    expect(
      (await api.rest("POST", "/auth/login", { body: { email: owner.user.email, password: owner.password } }))
        .status,
    ).toBe(200);
  });

  it("answers ok for an unknown email without sending anything", async () => {
    const email = newEmail();
    const res = await api.rest("POST", "/auth/forgot-password", { body: { email } });
    expect(res.status).toBe(200);
    await expect(api.smtp.waitFor(email, 300)).rejects.toThrow(/No mail/);
  });

  it("answers 429 after three requests for one email in an hour", async () => {
    const owner = await api.register();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await api.rest("POST", "/auth/forgot-password", { body: { email: owner.user.email } })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

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
    expect(created.status).toBe(200);
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

  it("cannot be used to refresh a session or read /auth/me", async () => {
    const owner = await api.register();
    const { secret } = await api.trpc(owner.token).apiKeys.create.mutate({ name: "CI", role: "admin" });
    expect((await api.rest("POST", "/auth/refresh", { token: secret, body: {} })).status).toBe(403);
  });
});
