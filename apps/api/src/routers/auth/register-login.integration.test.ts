import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { type ErrorBody, newEmail, registerBody, type SignedInBody } from "./auth-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

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
    expect(right.headers.get("retry-after")).toBe(String(right.body.data.retryAfterSeconds));
    // the same over tRPC, whose client reads only the body
    const trpc = await fetch(`${api.baseUrl}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: owner.user.email, password: owner.password }),
    });
    expect(trpc.status).toBe(429);
    expect(Number(trpc.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("does not count successful logins toward the per-email limit", async () => {
    const owner = await api.register();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (
          await api.rest("POST", "/auth/login", {
            body: { email: owner.user.email, password: owner.password },
          })
        ).status,
      );
    }
    expect(statuses).toEqual(Array(12).fill(200));
  });

  it("keeps counting wrong passwords when the right one succeeds in between", async () => {
    const owner = await api.register();
    const attempt = async (password: string) =>
      (await api.rest("POST", "/auth/login", { body: { email: owner.user.email, password } })).status;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await attempt("wrong password!"));
    statuses.push(await attempt(owner.password));
    for (let i = 0; i < 6; i++) statuses.push(await attempt("wrong password!"));
    statuses.push(await attempt(owner.password));
    expect(statuses).toEqual([...Array(5).fill(401), 200, ...Array(5).fill(401), 429, 429]);
  });

  it("counts parallel wrong passwords before checking them, so a burst cannot outrun the limit", async () => {
    const owner = await api.register();
    const statuses = await Promise.all(
      Array.from(
        { length: 16 },
        async () =>
          (
            await api.rest("POST", "/auth/login", {
              body: { email: owner.user.email, password: "wrong password!" },
            })
          ).status,
      ),
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);
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

  it("counts successful logins too, so one address cannot spray passwords over many accounts", async () => {
    const strict = await startTestApi({ AUTH_RATE_LIMIT_PER_IP: "3" });
    try {
      const owner = await strict.register();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const body = { email: owner.user.email, password: owner.password };
        statuses.push((await strict.rest("POST", "/auth/login", { body })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await strict.close();
    }
  });

  it("behind a proxy, counts the address the proxy saw, whatever the client wrote before it", async () => {
    const proxied = await startTestApi({ AUTH_RATE_LIMIT_PER_IP: "3", TRUST_PROXY: "true" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const headers = { "x-forwarded-for": `10.9.${i}.1, 203.0.113.9` };
        statuses.push(
          (await proxied.rest("POST", "/auth/register", { body: registerBody(), headers })).status,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await proxied.close();
    }
  });
});
