import { describe, expect, it, vi } from "vitest";
import type { Role } from "../shared/permissions";
import type { Actor, Invitation, User } from "./model";
import type { AuthDeps } from "./ports";
import { isPromotion, removeUser, updateUser } from "./team";

const organizationId = "o-1";
const now = new Date(Date.UTC(2026, 10, 26));

function user(id: string, role: Role): User {
  return {
    id,
    organizationId,
    email: `${id}@example.com`,
    name: id,
    role,
    lastLoginAt: null,
    createdAt: now,
  };
}

function pendingInvitation(id: string, invitedBy: string): Invitation {
  return {
    id,
    organizationId,
    email: `${id}@example.com`,
    role: "agent",
    invitedBy,
    expiresAt: new Date(now.getTime() + 1000),
    acceptedAt: null,
    revokedAt: null,
    createdAt: now,
  };
}

/** A team in memory: users and invitations, behind the repositories the use cases touch. */
function setup(members: User[], invitations: Invitation[] = []) {
  const users = new Map(members.map((member) => [member.id, member]));
  const repos = {
    users: {
      findById: async (_org: string, id: string) => users.get(id),
      lockById: async (_org: string, id: string) => users.get(id),
      update: async (_org: string, id: string, patch: Partial<User>) => {
        const found = users.get(id);
        if (!found) return undefined;
        const updated = { ...found, ...patch };
        users.set(id, updated);
        return updated;
      },
      remove: async (_org: string, id: string) => users.delete(id),
      lockOwners: async () => [...users.values()].filter((u) => u.role === "owner").map((u) => u.id),
    },
    sessions: { removeForUser: vi.fn(async () => {}) },
    assignments: { releaseAll: vi.fn(async () => []) },
    invitations: {
      revokePendingFromInviter: async (_org: string, invitedBy: string, at: Date) => {
        for (const invitation of invitations) {
          if (invitation.invitedBy === invitedBy && !invitation.acceptedAt && !invitation.revokedAt) {
            invitation.revokedAt = at;
          }
        }
      },
    },
  };
  const deps = {
    store: { ...repos, transaction: async (work: (r: typeof repos) => Promise<unknown>) => work(repos) },
    credentials: { revokeAll: vi.fn(async () => {}) },
    events: { publish: vi.fn(async () => {}) },
    clock: { now: () => now },
  } as unknown as AuthDeps;
  return {
    deps,
    users,
    invitations,
    sessionsRemoved: repos.sessions.removeForUser,
    released: repos.assignments.releaseAll,
  };
}

const actorOf = (member: User): Actor => ({
  kind: "user",
  userId: member.id,
  organizationId,
  role: member.role,
  sessionId: `s-${member.id}`,
});

describe("updateUser", () => {
  it("lets only an owner edit an owner: an admin's rename is refused and changes nothing", async () => {
    const owner = user("owner", "owner");
    const second = user("second", "owner");
    const admin = user("admin", "admin");
    const agent = user("agent", "agent");
    const { deps, users } = setup([owner, second, admin, agent]);
    await expect(updateUser(deps, actorOf(admin), owner.id, { name: "Renamed" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only an owner can edit an owner",
    });
    expect(users.get(owner.id)?.name).toBe("owner");

    expect((await updateUser(deps, actorOf(owner), second.id, { name: "Ana" })).name).toBe("Ana");
    expect((await updateUser(deps, actorOf(owner), owner.id, { name: "Me" })).name).toBe("Me");
    expect((await updateUser(deps, actorOf(admin), agent.id, { name: "Bia" })).name).toBe("Bia");
  });
});

describe("changing a role", () => {
  it("keeps a promoted user's sessions; a demotion, or agent and viewer swapped, ends them", async () => {
    const owner = user("owner", "owner");
    const cases: Array<[Role, Role, boolean]> = [
      ["agent", "admin", false],
      ["viewer", "owner", false],
      ["admin", "owner", false],
      ["admin", "agent", true],
      ["owner", "admin", true],
      ["agent", "viewer", true],
      ["viewer", "agent", true],
    ];
    for (const [from, to, ends] of cases) {
      const member = user("member", from);
      const { deps, sessionsRemoved } = setup([owner, member]);
      await updateUser(deps, actorOf(owner), member.id, { role: to });
      expect(sessionsRemoved.mock.calls.length, `${from} -> ${to}`).toBe(ends ? 1 : 0);
      // either way every replica forgets the recalled actor, and the user's open tabs hear of it
      expect(deps.credentials.revokeAll).toHaveBeenCalledTimes(1);
      expect(deps.events.publish).toHaveBeenCalledWith(
        expect.objectContaining({
          type: "membership_changed",
          organizationId,
          payload: { userId: member.id, role: to },
        }),
      );
    }
  });

  it("releases the conversations of a member whose new role cannot answer them, and only then", async () => {
    const owner = user("owner", "owner");
    const cases: Array<[Role, Role, boolean]> = [
      ["agent", "viewer", true],
      ["admin", "viewer", true],
      ["agent", "admin", false],
      ["admin", "agent", false],
      ["viewer", "viewer", false],
    ];
    for (const [from, to, releases] of cases) {
      const member = user("member", from);
      const { deps, released } = setup([owner, member]);
      await updateUser(deps, actorOf(owner), member.id, { role: to });
      expect(released.mock.calls, `${from} -> ${to}`).toEqual(
        releases ? [[organizationId, member.id, now]] : [],
      );
    }
  });

  it("keeps the sessions when the role stays the same; a new name is news for the team only", async () => {
    const owner = user("owner", "owner");
    const agent = user("agent", "agent");
    const { deps, sessionsRemoved } = setup([owner, agent]);
    await updateUser(deps, actorOf(owner), agent.id, { role: "agent", name: "Bia" });
    expect(sessionsRemoved).not.toHaveBeenCalled();
    expect(vi.mocked(deps.events.publish).mock.calls.map(([event]) => event)).toEqual([
      expect.objectContaining({ type: "team_updated", payload: { userId: agent.id, change: "updated" } }),
    ]);
  });

  it("tells nobody when nothing changes", async () => {
    const owner = user("owner", "owner");
    const agent = user("agent", "agent");
    const { deps } = setup([owner, agent]);
    await updateUser(deps, actorOf(owner), agent.id, { role: "agent", name: agent.name });
    expect(deps.events.publish).not.toHaveBeenCalled();
  });

  it("calls a promotion only a role that takes nothing away", () => {
    expect(isPromotion("agent", "admin")).toBe(true);
    expect(isPromotion("viewer", "admin")).toBe(true);
    expect(isPromotion("admin", "owner")).toBe(true);
    expect(isPromotion("owner", "owner")).toBe(false);
    expect(isPromotion("owner", "admin")).toBe(false);
    expect(isPromotion("viewer", "agent")).toBe(false);
    expect(isPromotion("agent", "viewer")).toBe(false);
  });
});

describe("removeUser", () => {
  it("tells the removed user's open tabs, with no role", async () => {
    const owner = user("owner", "owner");
    const agent = user("agent", "agent");
    const { deps } = setup([owner, agent]);
    await removeUser(deps, actorOf(owner), agent.id);
    expect(deps.credentials.revokeAll).toHaveBeenCalledTimes(1);
    expect(deps.events.publish).toHaveBeenCalledWith(
      expect.objectContaining({ type: "membership_changed", payload: { userId: agent.id, role: null } }),
    );
  });

  it("lets only an owner remove an owner: an admin is refused even when another owner remains", async () => {
    const owner = user("owner", "owner");
    const second = user("second", "owner");
    const admin = user("admin", "admin");
    const { deps, users } = setup([owner, second, admin]);
    await expect(removeUser(deps, actorOf(admin), second.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only an owner can remove an owner",
    });
    expect(users.has(second.id)).toBe(true);

    await removeUser(deps, actorOf(owner), second.id);
    expect(users.has(second.id)).toBe(false);
  });

  it("revokes the pending invitations the removed user sent, and only those", async () => {
    const owner = user("owner", "owner");
    const admin = user("admin", "admin");
    const sent = pendingInvitation("sent", admin.id);
    const accepted = { ...pendingInvitation("accepted", admin.id), acceptedAt: now };
    const byOwner = pendingInvitation("by-owner", owner.id);
    const { deps } = setup([owner, admin], [sent, accepted, byOwner]);
    await removeUser(deps, actorOf(owner), admin.id);
    expect(sent.revokedAt).toEqual(now);
    expect(accepted.revokedAt).toBeNull();
    expect(byOwner.revokedAt).toBeNull();
  });
});
