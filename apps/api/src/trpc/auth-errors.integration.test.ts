import { describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";

const api = useTestApi();

const keyOf = async (ownerToken: string, role: "owner" | "admin" | "agent" | "viewer" = "admin") =>
  api.trpc(ownerToken).apiKeys.create.mutate({ name: `key ${role}`, role });

describe("a 401 says what was wrong with the credential", () => {
  it("a revoked API key and an unknown one read the same, naming the key", async () => {
    const owner = await api.register();
    const key = await keyOf(owner.token);
    const first = await api.rest("GET", "/contacts", { token: key.secret });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    await api.trpc(owner.token).apiKeys.revoke.mutate({ id: key.apiKey.id });
    const revoked = await api.rest("GET", "/contacts", { token: key.secret });
    const unknown = await api.rest("GET", "/contacts", { token: `crm_${"0".repeat(43)}` });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({
      message: "This API key is unknown or revoked",
      code: "UNAUTHORIZED",
      data: { appCode: "UNAUTHENTICATED" },
    });
    expect(unknown.body).toEqual(revoked.body);
    await expect(api.trpc(key.secret).contacts.list.query({})).rejects.toMatchObject({
      message: "This API key is unknown or revoked",
      data: { appCode: "UNAUTHENTICATED", httpStatus: 401 },
    });
    const exported = await fetch(`${api.baseUrl}/api/v1/contacts/export.csv`, {
      headers: { authorization: `Bearer ${key.secret}` },
    });
    expect(exported.status).toBe(401);
    expect(await exported.json()).toMatchObject({ message: "This API key is unknown or revoked" });
  });

  it("no credential, or an unknown session token, is told to sign in", async () => {
    for (const token of [undefined, "not-a-session-token"]) {
      const answer = await api.rest("GET", "/contacts", token === undefined ? {} : { token });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ message: "Sign in first", data: { appCode: "UNAUTHENTICATED" } });
    }
    await expect(api.trpc().contacts.list.query({})).rejects.toMatchObject({
      message: "Sign in first",
      data: { appCode: "UNAUTHENTICATED" },
    });
  });

  it("an expired session is told it expired", async () => {
    const owner = await api.register();
    const updated = await api.container.db.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", owner.user.id)
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(1);
    const answer = await api.rest("GET", "/contacts", { token: owner.token });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      message: "Your session expired; sign in again",
      data: { appCode: "UNAUTHENTICATED" },
    });
  });
});

describe("every 401 and 403 has an appCode", () => {
  it("a role without the permission is FORBIDDEN over REST and tRPC", async () => {
    const owner = await api.register();
    const viewer = await api.member(owner.token, "viewer");
    const rest = await api.rest("POST", "/contacts", { token: viewer.token, body: { name: "Ana" } });
    expect(rest.status).toBe(403);
    expect(rest.body).toMatchObject({
      message: "Your role (viewer) cannot do this (contacts:write)",
      data: { appCode: "FORBIDDEN" },
    });
    await expect(api.trpc(viewer.token).contacts.create.mutate({ name: "Ana" })).rejects.toMatchObject({
      data: { appCode: "FORBIDDEN", httpStatus: 403 },
    });
  });

  it("an API key where a signed-in user is needed is USER_REQUIRED over REST and tRPC", async () => {
    const owner = await api.register();
    const key = await keyOf(owner.token, "owner");
    const rest = await api.rest("GET", "/notifications", { token: key.secret });
    expect(rest.status).toBe(403);
    expect(rest.body).toMatchObject({
      message: "This action needs a signed-in user, not an API key",
      code: "FORBIDDEN",
      data: { appCode: "USER_REQUIRED" },
    });
    await expect(api.trpc(key.secret).auth.me.query()).rejects.toMatchObject({
      data: { appCode: "USER_REQUIRED", httpStatus: 403 },
    });
  });

  it("a cookie-authenticated write from another origin is FORBIDDEN", async () => {
    const owner = await api.register();
    const answer = await fetch(`${api.baseUrl}/api/v1/contacts`, {
      method: "POST",
      headers: {
        cookie: `crm_session=${owner.token}`,
        origin: "https://evil.example",
        "content-type": "application/json",
      },
      body: JSON.stringify({ name: "Ana" }),
    });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ data: { appCode: "FORBIDDEN" } });
  });
});
