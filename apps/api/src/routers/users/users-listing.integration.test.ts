import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import { email } from "./users-fixtures";

const api = useTestApi();

describe("listing users", () => {
  it("pages with a cursor and filters by role and search", async () => {
    const owner = await api.register();
    for (const role of ["agent", "agent", "viewer"] as const) await api.member(owner.token, role);
    const first = await api.rest<{ items: Array<{ id: string }>; nextCursor: string | null }>(
      "GET",
      "/users?limit=2",
      { token: owner.token },
    );
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await api.rest<{ items: Array<{ id: string }>; nextCursor: string | null }>(
      "GET",
      `/users?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? "")}`,
      { token: owner.token },
    );
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((u) => u.id);
    expect(new Set(ids).size).toBe(4);

    const agents = await api.rest<{ items: Array<{ role: string }> }>("GET", "/users?role=agent", {
      token: owner.token,
    });
    expect(agents.body.items.map((u) => u.role)).toEqual(["agent", "agent"]);
    const search = await api.rest<{ items: Array<{ name: string }> }>("GET", "/users?search=owner", {
      token: owner.token,
    });
    expect(search.body.items).toHaveLength(1);
  });

  it("answers 400 for a malformed cursor or an out-of-range limit", async () => {
    const owner = await api.register();
    expect((await api.rest("GET", "/users?cursor=garbage", { token: owner.token })).status).toBe(400);
    expect((await api.rest("GET", "/users?limit=1000", { token: owner.token })).status).toBe(400);
  });
});

describe("tenant isolation", () => {
  it("another organization's users, invitations and API keys answer 404", async () => {
    await expectTenantIsolation(api, async (token) => (await api.member(token, "agent")).user.id, [
      { name: "GET /users/{id}", call: (token, id) => api.rest("GET", `/users/${id}`, { token }) },
      {
        name: "PATCH /users/{id}",
        call: (token, id) => api.rest("PATCH", `/users/${id}`, { token, body: { name: "Hijacked" } }),
      },
      { name: "DELETE /users/{id}", call: (token, id) => api.rest("DELETE", `/users/${id}`, { token }) },
    ]);
    await expectTenantIsolation(
      api,
      async (token) => (await api.trpc(token).users.invite.mutate({ email: email("iso"), role: "agent" })).id,
      [
        {
          name: "DELETE /invitations/{id}",
          call: (token, id) => api.rest("DELETE", `/invitations/${id}`, { token }),
        },
      ],
    );
    await expectTenantIsolation(
      api,
      async (token) => (await api.trpc(token).apiKeys.create.mutate({ name: "k", role: "agent" })).apiKey.id,
      [
        {
          name: "DELETE /api-keys/{id}",
          call: (token, id) => api.rest("DELETE", `/api-keys/${id}`, { token }),
        },
      ],
    );
  });
});
