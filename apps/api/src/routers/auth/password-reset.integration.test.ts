import { linkToken } from "@crm/worker/testing/smtp-sink";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { type ErrorBody, newEmail } from "./auth-fixtures";

const api = useTestApi();

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
