import { describe, expect, it } from "vitest";
import { useRealtimeTestApi } from "../../realtime/testing/realtime-test-api";
import type { ErrorBody } from "./auth-fixtures";

const rt = useRealtimeTestApi();
const newPassword = "a brand new password";

/** The owner signed in twice: here (the caller) and in another browser. */
async function signedInTwice() {
  const owner = await rt.api.register({ name: "Ana Souza" });
  const elsewhere = await rt.api
    .trpc()
    .auth.login.mutate({ email: owner.user.email, password: owner.password });
  return { owner, elsewhere };
}

describe("changing one's password", () => {
  it("refuses a wrong current password with a 400 on that field, and changes nothing", async () => {
    const { owner, elsewhere } = await signedInTwice();
    const refused = await rt.api.rest<ErrorBody>("POST", "/auth/change-password", {
      token: owner.token,
      body: { currentPassword: "not my password", newPassword },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.data?.fieldErrors).toEqual({
      currentPassword: ["The current password is incorrect"],
    });
    expect((await rt.api.rest("GET", "/auth/me", { token: elsewhere.token })).status).toBe(200);
    const login = await rt.api.rest("POST", "/auth/login", {
      body: { email: owner.user.email, password: owner.password },
    });
    expect(login.status).toBe(200);
  });

  it("refuses a weak new password as sign-up does", async () => {
    const { owner } = await signedInTwice();
    const refused = await rt.api.rest<ErrorBody>("POST", "/auth/change-password", {
      token: owner.token,
      body: { currentPassword: owner.password, newPassword: "short" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.data?.fieldErrors?.newPassword).toEqual([
      "Password must have at least 10 characters",
    ]);
  });

  it("answers 429 after as many wrong current passwords as login allows, even with the right one", async () => {
    const { owner } = await signedInTwice();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await rt.api.rest("POST", "/auth/change-password", {
        token: owner.token,
        body: { currentPassword: `wrong guess ${i}`, newPassword },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    const right = await rt.api.rest("POST", "/auth/change-password", {
      token: owner.token,
      body: { currentPassword: owner.password, newPassword },
    });
    expect(right.status).toBe(429);
    // the guesses count against the password itself: the log-in page is locked for the address too
    const login = await rt.api.rest("POST", "/auth/login", {
      body: { email: owner.user.email, password: owner.password },
    });
    expect(login.status).toBe(429);
  });

  it("keeps this session, ends the others (their live stream hears why) and emails the user", async () => {
    const { owner, elsewhere } = await signedInTwice();
    const here = await rt.connect({ token: owner.token });
    const there = await rt.connect({ token: elsewhere.token });

    const changed = await rt.api.trpc(owner.token).auth.changePassword.mutate({
      currentPassword: owner.password,
      newPassword,
    });
    expect(changed).toEqual({ endedSessions: 1 });

    await there.waitFor((r) => r.length > 0);
    expect(there.received.map((e) => e.event)).toEqual([
      expect.objectContaining({ type: "session_ended", payload: { reason: "password_changed" } }),
    ]);
    await expect.poll(() => there.ended()).toBe(true);
    expect((await rt.api.rest("GET", "/auth/me", { token: elsewhere.token })).status).toBe(401);
    expect((await rt.api.rest("GET", "/auth/me", { token: owner.token })).status).toBe(200);
    expect(here.ended()).toBe(false);

    const oldLogin = await rt.api.rest("POST", "/auth/login", {
      body: { email: owner.user.email, password: owner.password },
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await rt.api.rest("POST", "/auth/login", {
      body: { email: owner.user.email, password: newPassword },
    });
    expect(newLogin.status).toBe(200);

    const mail = await rt.api.smtp.waitFor(owner.user.email);
    expect(mail.subject).toBe("Sua senha do CRM Manager foi alterada");
    expect(mail.text).toContain("Olá, Ana Souza,");
    expect(mail.text).toContain("as suas outras sessões foram encerradas");
  });

  it("writes the email in English for an English organization", async () => {
    const { owner } = await signedInTwice();
    await rt.api.rest("PATCH", "/organizations/current", { token: owner.token, body: { locale: "en" } });
    await rt.api.rest("POST", "/auth/change-password", {
      token: owner.token,
      body: { currentPassword: owner.password, newPassword },
    });
    const mail = await rt.api.smtp.waitFor(owner.user.email);
    expect(mail.subject).toBe("Your CRM Manager password was changed");
  });

  it("is refused to an API key", async () => {
    const { owner } = await signedInTwice();
    const { secret } = await rt.api.trpc(owner.token).apiKeys.create.mutate({ name: "CI", role: "owner" });
    const refused = await rt.api.rest<ErrorBody>("POST", "/auth/change-password", {
      token: secret,
      body: { currentPassword: owner.password, newPassword },
    });
    expect(refused.status).toBe(403);
  });
});

describe("signing out other sessions", () => {
  it("ends every other session, saying why on its stream, and keeps this one", async () => {
    const { owner, elsewhere } = await signedInTwice();
    const here = await rt.connect({ token: owner.token });
    const there = await rt.connect({ token: elsewhere.token });

    const res = await rt.api.rest("POST", "/auth/sign-out-other-sessions", { token: owner.token, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ endedSessions: 1 });

    await there.waitFor((r) => r.length > 0);
    expect(there.received.map((e) => e.event)).toEqual([
      expect.objectContaining({ type: "session_ended", payload: { reason: "signed_out_elsewhere" } }),
    ]);
    expect((await rt.api.rest("GET", "/auth/me", { token: elsewhere.token })).status).toBe(401);
    expect((await rt.api.rest("GET", "/auth/me", { token: owner.token })).status).toBe(200);
    expect(here.ended()).toBe(false);
  });

  it("lists the user's own sessions, marking this one, without their ids", async () => {
    const { owner } = await signedInTwice();
    const listed = await rt.api.rest<{ items: Array<Record<string, unknown>>; nextCursor: null }>(
      "GET",
      "/auth/sessions",
      { token: owner.token },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items.filter((s) => s.current)).toHaveLength(1);
    expect(Object.keys(listed.body.items[0] ?? {}).sort()).toEqual([
      "createdAt",
      "current",
      "expiresAt",
      "lastUsedAt",
      "userAgent",
    ]);

    await rt.api.rest("POST", "/auth/sign-out-other-sessions", { token: owner.token, body: {} });
    const after = await rt.api.trpc(owner.token).auth.sessions.query();
    expect(after.items.map((s) => s.current)).toEqual([true]);
  });
});

describe("updating one's own profile", () => {
  it("lets any role rename itself, and no one else", async () => {
    const { owner } = await signedInTwice();
    const viewer = await rt.api.member(owner.token, "viewer");
    const byAdminRoute = await rt.api.rest("PATCH", `/users/${viewer.user.id}`, {
      token: viewer.token,
      body: { name: "Vera" },
    });
    expect(byAdminRoute.status).toBe(403);

    const renamed = await rt.api.rest<{ name: string; id: string }>("PATCH", "/auth/me", {
      token: viewer.token,
      body: { name: "  Vera Lúcia  " },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: viewer.user.id, name: "Vera Lúcia" });
    const me = await rt.api.trpc(viewer.token).auth.me.query();
    expect(me.user.name).toBe("Vera Lúcia");

    const blank = await rt.api.rest<ErrorBody>("PATCH", "/auth/me", {
      token: viewer.token,
      body: { name: "  " },
    });
    expect(blank.status).toBe(400);
    const extra = await rt.api.rest("PATCH", "/auth/me", { token: viewer.token, body: { role: "owner" } });
    expect(extra.status).toBe(400);
    expect((await rt.api.trpc(owner.token).users.get.query({ id: viewer.user.id })).role).toBe("viewer");
  });

  it("lists the new operations in the OpenAPI document with their error statuses", async () => {
    const doc = (await (await fetch(`${rt.api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const statuses = (path: string, method: string) =>
      Object.keys(doc.paths[path]?.[method]?.responses ?? {});
    expect(statuses("/auth/change-password", "post")).toEqual(
      expect.arrayContaining(["200", "400", "401", "403", "404", "429"]),
    );
    expect(statuses("/auth/sign-out-other-sessions", "post")).toEqual(expect.arrayContaining(["200", "401"]));
    expect(statuses("/auth/sessions", "get")).toEqual(expect.arrayContaining(["200", "401"]));
    expect(statuses("/auth/me", "patch")).toEqual(expect.arrayContaining(["200", "400", "401", "404"]));
  });
});
