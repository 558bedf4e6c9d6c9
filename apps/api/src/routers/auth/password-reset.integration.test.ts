import { linkToken } from "@crm/worker/testing/smtp-sink";
import { describe, expect, it } from "vitest";
import { startTestApi, useTestApi } from "../../testing/harness";
import { type ErrorBody, newEmail } from "./auth-fixtures";

const api = useTestApi();

describe("password reset", () => {
  it("writes the email in the organization's language, with its link and expiry", async () => {
    const owner = await api.register({ name: "Ana Souza" });
    await api.rest("POST", "/auth/forgot-password", { body: { email: owner.user.email } });
    const mail = await api.smtp.waitFor(owner.user.email);
    expect(mail.subject).toBe("Redefina sua senha do CRM Manager");
    expect(mail.text).toContain("Olá, Ana Souza,");
    expect(mail.text).toContain("Abra este link dentro de uma hora para escolher uma nova senha:");
    expect(mail.text).toContain("Se você não pediu isso, ignore este e-mail.");
    expect(linkToken(mail, "reset-password")).toMatch(/^[a-z0-9]+$/);

    const english = await api.register({ name: "John Smith" });
    const patched = await api.rest("PATCH", "/organizations/current", {
      token: english.token,
      body: { locale: "en" },
    });
    expect(patched.status).toBe(200);
    await api.rest("POST", "/auth/forgot-password", { body: { email: english.user.email } });
    const englishMail = await api.smtp.waitFor(english.user.email);
    expect(englishMail.subject).toBe("Reset your CRM Manager password");
    expect(englishMail.text).toContain("Open this link within one hour to choose a new password:");
    expect(linkToken(englishMail, "reset-password")).toMatch(/^[a-z0-9]+$/);
  });

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

  it("answers a known and an unknown address alike, over REST and tRPC", async () => {
    const owner = await api.register();
    const known = await api.rest("POST", "/auth/forgot-password", { body: { email: owner.user.email } });
    const unknown = await api.rest("POST", "/auth/forgot-password", { body: { email: newEmail() } });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    const overTrpc = await Promise.all(
      [owner.user.email, newEmail()].map((email) => api.trpc().auth.forgotPassword.mutate({ email })),
    );
    expect(overTrpc[0]).toEqual(overTrpc[1]);
  });

  it("answers before the account is looked up, so the time it takes tells nothing about the address", async () => {
    const owner = await api.register();
    const users = api.container.auth.store.users;
    const lookup = users.findByEmailWithPassword;
    const events: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    users.findByEmailWithPassword = async (email) => {
      await gate;
      events.push("looked up");
      return lookup(email);
    };
    // lets a server that waits for the lookup answer at all, so that this test fails instead of hanging
    const unblock = setTimeout(release, 3000);
    try {
      const res = await api.rest("POST", "/auth/forgot-password", { body: { email: owner.user.email } });
      events.push("answered");
      expect(res.status).toBe(200);
      release();
      await api.smtp.waitFor(owner.user.email);
    } finally {
      clearTimeout(unblock);
      users.findByEmailWithPassword = lookup;
    }
    expect(events).toEqual(["answered", "looked up"]);
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

describe("checking a reset link before choosing a password", () => {
  const check = (token: string) =>
    api.rest<Record<string, unknown>>("GET", `/auth/reset-token?token=${encodeURIComponent(token)}`);

  it("says whether the link still works, and nothing about its account; used, expired and unknown alike", async () => {
    const owner = await api.register();
    await api.rest("POST", "/auth/forgot-password", { body: { email: owner.user.email } });
    const token = linkToken(await api.smtp.waitFor(owner.user.email), "reset-password");
    const fresh = await check(token);
    expect(fresh.status).toBe(200);
    // only whether it works: never whose account it is
    expect(fresh.body).toEqual({ valid: true });
    expect(await api.trpc().auth.resetToken.query({ token })).toEqual({ valid: true });

    expect((await check("not-a-token")).body).toEqual({ valid: false });
    const reset = await api.rest("POST", "/auth/reset-password", {
      body: { token, password: "a brand new password" },
    });
    expect(reset.status).toBe(200);
    expect((await check(token)).body).toEqual({ valid: false });

    const other = await api.register();
    await api.rest("POST", "/auth/forgot-password", { body: { email: other.user.email } });
    const later = linkToken(await api.smtp.waitFor(other.user.email), "reset-password");
    expect((await check(later)).body).toEqual({ valid: true });
    await api.container.db.db
      .updateTable("password_reset_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", other.user.id)
      .execute();
    expect((await check(later)).body).toEqual({ valid: false });
  });

  it("answers 429 once one address has checked too many links", async () => {
    const strict = await startTestApi({ AUTH_RATE_LIMIT_PER_IP: "3" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await strict.rest("GET", `/auth/reset-token?token=guess${i}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await strict.close();
    }
  });
});
