import { describe, expect, it, vi } from "vitest";
import type { Role } from "../shared/permissions";
import { revokeApiKey } from "./api-keys";
import { revokeInvitation } from "./invitations";
import type { Actor, ApiKey, Invitation } from "./model";
import type { AuthDeps } from "./ports";

const organizationId = "o-1";
const now = new Date(Date.UTC(2026, 10, 26));

const actor = (role: Role): Actor => ({
  kind: "user",
  userId: "u-1",
  organizationId,
  role,
  sessionId: "s-1",
});

function setup(role: Role) {
  const apiKey: ApiKey = {
    id: "k-1",
    organizationId,
    name: "Zapier",
    prefix: "crm_abcdefgh",
    role,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  const invitation: Invitation = {
    id: "i-1",
    organizationId,
    email: "new@example.com",
    role,
    invitedBy: null,
    expiresAt: new Date(now.getTime() + 1000),
    acceptedAt: null,
    revokedAt: null,
    createdAt: now,
  };
  const store = {
    apiKeys: {
      findById: async (_org: string, id: string) => (id === apiKey.id ? apiKey : undefined),
      revoke: vi.fn(async (_org: string, id: string) =>
        id === apiKey.id ? { ...apiKey, revokedAt: now } : undefined,
      ),
    },
    invitations: {
      findById: async (_org: string, id: string) => (id === invitation.id ? invitation : undefined),
      revoke: vi.fn(async (_org: string, id: string) =>
        id === invitation.id ? { ...invitation, revokedAt: now } : undefined,
      ),
    },
  };
  const deps = {
    store,
    credentials: { revokeAll: vi.fn(async () => {}) },
    clock: { now: () => now },
  } as unknown as AuthDeps;
  return { deps, store };
}

describe("revoking takes the right to grant the role", () => {
  it("refuses an admin who revokes an owner's API key, not one who revokes an admin's", async () => {
    const { deps, store } = setup("owner");
    await expect(revokeApiKey(deps, actor("admin"), "k-1")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(store.apiKeys.revoke).not.toHaveBeenCalled();

    expect((await revokeApiKey(deps, actor("owner"), "k-1")).revokedAt).toEqual(now);
    expect((await revokeApiKey(setup("admin").deps, actor("admin"), "k-1")).revokedAt).toEqual(now);
    await expect(revokeApiKey(deps, actor("admin"), "k-2")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses an admin who revokes an invitation to be an owner, not one to be an agent", async () => {
    const { deps, store } = setup("owner");
    await expect(revokeInvitation(deps, actor("admin"), "i-1")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(store.invitations.revoke).not.toHaveBeenCalled();

    expect((await revokeInvitation(deps, actor("owner"), "i-1")).revokedAt).toEqual(now);
    expect((await revokeInvitation(setup("agent").deps, actor("admin"), "i-1")).revokedAt).toEqual(now);
    await expect(revokeInvitation(deps, actor("admin"), "i-2")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
