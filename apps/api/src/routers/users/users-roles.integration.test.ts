import { linkToken } from "@crm/worker/testing/smtp-sink";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { email } from "./users-fixtures";

const api = useTestApi();

describe("roles and removal", () => {
  it("an admin changes an agent's role; the change applies at once (the agent signs in again)", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const agent = await api.member(owner.token, "agent");
    const res = await api.rest<{ role: string }>("PATCH", `/users/${agent.user.id}`, {
      token: admin.token,
      body: { role: "viewer" },
    });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe("viewer");
    expect((await api.rest("GET", "/auth/me", { token: agent.token })).status).toBe(401);
  });

  it("the last owner can be neither demoted nor removed; with a second owner both work", async () => {
    const owner = await api.register();
    const demote = await api.rest("PATCH", `/users/${owner.user.id}`, {
      token: owner.token,
      body: { role: "admin" },
    });
    expect(demote.status).toBe(412);
    const remove = await api.rest("DELETE", `/users/${owner.user.id}`, { token: owner.token });
    expect(remove.status).toBe(412);

    const second = await api.member(owner.token, "owner");
    expect((await api.rest("DELETE", `/users/${owner.user.id}`, { token: second.token })).status).toBe(200);
    expect((await api.rest("GET", `/users/${owner.user.id}`, { token: second.token })).status).toBe(404);
  });

  it("only an owner removes users", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const agent = await api.member(owner.token, "agent");
    expect((await api.rest("DELETE", `/users/${agent.user.id}`, { token: admin.token })).status).toBe(403);
    expect((await api.rest("DELETE", `/users/${agent.user.id}`, { token: owner.token })).status).toBe(200);
  });

  it("an admin cannot change an owner's role", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    expect(
      (await api.rest("PATCH", `/users/${owner.user.id}`, { token: admin.token, body: { role: "agent" } }))
        .status,
    ).toBe(403);
  });

  it("an admin cannot rename an owner (403); an owner renames another owner and themselves", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const second = await api.member(owner.token, "owner");
    const refused = await api.rest<{ message: string }>("PATCH", `/users/${owner.user.id}`, {
      token: admin.token,
      body: { name: "Renamed by an admin" },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe("Only an owner can edit an owner");
    const unchanged = await api.rest<{ name: string }>("GET", `/users/${owner.user.id}`, {
      token: admin.token,
    });
    expect(unchanged.body.name).toBe(owner.user.name);

    for (const id of [second.user.id, owner.user.id]) {
      const renamed = await api.rest<{ name: string }>("PATCH", `/users/${id}`, {
        token: owner.token,
        body: { name: "Renamed by an owner" },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe("Renamed by an owner");
    }
  });

  it("an admin cannot revoke an invitation to be an owner (403); it still lets its invitee in", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const invitee = email("future-owner");
    const invited = await api.trpc(owner.token).users.invite.mutate({ email: invitee, role: "owner" });
    const refused = await api.rest("DELETE", `/invitations/${invited.id}`, { token: admin.token });
    expect(refused.status).toBe(403);
    // nor by inviting the same address again, which replaces the pending invitation
    const replacing = await api.rest("POST", "/users", {
      token: admin.token,
      body: { email: invitee, role: "viewer" },
    });
    expect(replacing.status).toBe(403);

    const token = linkToken(await api.smtp.waitFor(invitee), "accept-invitation");
    const accepted = await api.rest<{ user: { role: string } }>("POST", "/auth/accept-invitation", {
      body: { token, name: "New Owner", password: "correct horse battery" },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.role).toBe("owner");

    const agentInvitation = await api.trpc(owner.token).users.invite.mutate({
      email: email("agent"),
      role: "agent",
    });
    expect(
      (await api.rest("DELETE", `/invitations/${agentInvitation.id}`, { token: admin.token })).status,
    ).toBe(200);
  });

  it("removing a user revokes the invitations they sent: their invitee can no longer join", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const invitee = email("admins-invitee");
    const pending = await api.trpc(admin.token).users.invite.mutate({ email: invitee, role: "agent" });
    const ownersInvitee = email("owners-invitee");
    const kept = await api.trpc(owner.token).users.invite.mutate({ email: ownersInvitee, role: "agent" });
    const token = linkToken(await api.smtp.waitFor(invitee), "accept-invitation");

    expect((await api.rest("DELETE", `/users/${admin.user.id}`, { token: owner.token })).status).toBe(200);

    const late = await api.rest("POST", "/auth/accept-invitation", {
      body: { token, name: "Too Late", password: "correct horse battery" },
    });
    expect(late.status).toBe(400);
    const listed = await api.rest<{ items: Array<{ id: string; revokedAt: string | null }> }>(
      "GET",
      "/invitations",
      { token: owner.token },
    );
    const revokedAt = new Map(listed.body.items.map((item) => [item.id, item.revokedAt]));
    expect(revokedAt.get(pending.id)).not.toBeNull();
    expect(revokedAt.get(kept.id)).toBeNull();
  });
});
