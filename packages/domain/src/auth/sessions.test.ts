import { describe, expect, it, vi } from "vitest";
import type { Actor } from "./model";
import { sessionLifetimeMs, sessionRenewThresholdMs } from "./policy";
import type { AuthDeps, CredentialCache } from "./ports";
import { authenticateSession, logout } from "./sessions";

const day = 24 * 60 * 60 * 1000;

/** A cache that keeps whatever it is given until `until` (no time to live of its own), as a port user sees it. */
function keepingCache(): CredentialCache & { kept: Map<string, { actor: Actor; until: number }> } {
  const kept = new Map<string, { actor: Actor; until: number }>();
  let generation = 0;
  return {
    kept,
    generation: () => generation,
    recall: (hash, now) => {
      const entry = kept.get(hash);
      return entry && entry.until > now.getTime() ? entry.actor : undefined;
    },
    remember: (hash, actor, read) => {
      if (read.generation === generation) kept.set(hash, { actor, until: read.until?.getTime() ?? Infinity });
    },
    revokeAll: async () => {
      generation += 1;
      kept.clear();
    },
  };
}

function setup(expiresInMs: number) {
  let now = new Date(Date.UTC(2026, 10, 26));
  const session = {
    id: "hash:token",
    userId: "u-1",
    organizationId: "o-1",
    role: "agent" as const,
    expiresAt: new Date(now.getTime() + expiresInMs),
  };
  const sessions = {
    findWithRole: vi.fn(async () => session),
    extend: vi.fn(async (_id: string, expiresAt: Date) => {
      session.expiresAt = expiresAt;
    }),
    remove: vi.fn(async () => {}),
  };
  const credentials = keepingCache();
  const events = { publish: vi.fn(async () => {}) };
  const deps = {
    store: { sessions },
    tokens: { hash: (token: string) => `hash:${token}` },
    clock: { now: () => now },
    credentials,
    events,
  } as unknown as AuthDeps;
  return {
    deps,
    sessions,
    credentials,
    events,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

describe("authenticateSession with the credential cache", () => {
  it("reads a session once, then recalls it until its renewal is due, then reads and slides it", async () => {
    const { deps, sessions, advance } = setup(sessionLifetimeMs);
    const first = await authenticateSession(deps, "token");
    expect(first).toMatchObject({ kind: "user", userId: "u-1", role: "agent", sessionId: "hash:token" });
    expect(await authenticateSession(deps, "token")).toEqual(first);
    expect(sessions.findWithRole).toHaveBeenCalledTimes(1);

    advance(sessionLifetimeMs - sessionRenewThresholdMs + 1);
    expect(await authenticateSession(deps, "token")).toEqual(first);
    expect(sessions.findWithRole).toHaveBeenCalledTimes(2);
    expect(sessions.extend).toHaveBeenCalledTimes(1);
  });

  it("remembers a slid session only until its next renewal is due", async () => {
    const { deps, sessions, credentials } = setup(2 * day);
    await authenticateSession(deps, "token");
    expect(sessions.extend).toHaveBeenCalledTimes(1);
    const until = credentials.kept.get("hash:token")?.until ?? 0;
    const extendedTo = sessions.extend.mock.calls[0]?.[1];
    expect(until).toBe((extendedTo?.getTime() ?? 0) - sessionRenewThresholdMs);
  });

  it("does not remember an expired session, and removes it", async () => {
    const { deps, sessions, credentials } = setup(-1);
    expect(await authenticateSession(deps, "token")).toBeUndefined();
    expect(sessions.remove).toHaveBeenCalledWith("hash:token");
    expect(credentials.kept.size).toBe(0);
  });

  it("forgets the session at logout: the next request reads it again", async () => {
    const { deps, sessions } = setup(sessionLifetimeMs);
    const actor = await authenticateSession(deps, "token");
    if (!actor) throw new Error("not authenticated");
    await logout(deps, actor);
    sessions.findWithRole.mockResolvedValueOnce(undefined as never);
    expect(await authenticateSession(deps, "token")).toBeUndefined();
    expect(sessions.findWithRole).toHaveBeenCalledTimes(2);
  });

  it("tells that one session's live connections it was logged out, once it is gone", async () => {
    const { deps, sessions, events } = setup(sessionLifetimeMs);
    const actor = await authenticateSession(deps, "token");
    if (!actor) throw new Error("not authenticated");
    await logout(deps, actor);
    expect(events.publish).toHaveBeenCalledExactlyOnceWith({
      type: "session_ended",
      organizationId: "o-1",
      payload: { userId: "u-1", sessionId: "hash:token", reason: "logged_out" },
      occurredAt: expect.any(String),
    });
    expect(sessions.remove.mock.invocationCallOrder[0]).toBeLessThan(
      events.publish.mock.invocationCallOrder[0] ?? 0,
    );
  });
});
