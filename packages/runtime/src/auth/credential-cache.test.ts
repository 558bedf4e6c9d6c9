import type { Actor } from "@crm/domain/auth/model";
import { describe, expect, it, vi } from "vitest";
import { createLocalCredentialCache } from "./credential-cache";

const ana: Actor = { kind: "user", userId: "u-1", organizationId: "o-1", role: "agent", sessionId: "s-1" };
const at = (ms: number) => new Date(Date.UTC(2026, 10, 26) + ms);

describe("local credential cache", () => {
  it("recalls an actor until its time to live has passed", () => {
    const cache = createLocalCredentialCache({ ttlMs: 5_000 });
    cache.remember("s-1", ana, { generation: cache.generation(), now: at(0) });
    expect(cache.recall("s-1", at(4_999))).toEqual(ana);
    expect(cache.recall("s-1", at(5_000))).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("recalls it no later than the `until` it was given (a session's renewal)", () => {
    const cache = createLocalCredentialCache({ ttlMs: 5_000 });
    cache.remember("s-1", ana, { generation: cache.generation(), now: at(0), until: at(1_000) });
    expect(cache.recall("s-1", at(999))).toEqual(ana);
    expect(cache.recall("s-1", at(1_000))).toBeUndefined();
  });

  it("forgets everything on revocation and announces it once", async () => {
    const announce = vi.fn(() => {});
    const cache = createLocalCredentialCache({ announce });
    cache.remember("s-1", ana, { generation: cache.generation(), now: at(0) });
    cache.remember("k-1", { ...ana, sessionId: "s-2" }, { generation: cache.generation(), now: at(0) });
    await cache.revokeAll();
    expect(cache.recall("s-1", at(1))).toBeUndefined();
    expect(cache.recall("k-1", at(1))).toBeUndefined();
    expect(announce).toHaveBeenCalledTimes(1);
  });

  it("ignores what was read before a revocation: the store may have answered before it was committed", async () => {
    const cache = createLocalCredentialCache();
    const generation = cache.generation();
    await cache.revokeAll();
    cache.remember("s-1", ana, { generation, now: at(0) });
    expect(cache.recall("s-1", at(1))).toBeUndefined();
    cache.remember("s-1", ana, { generation: cache.generation(), now: at(0) });
    expect(cache.recall("s-1", at(1))).toEqual(ana);
  });

  it("makes room by dropping the oldest entry", () => {
    const cache = createLocalCredentialCache({ maxEntries: 2 });
    for (const hash of ["a", "b", "c"]) cache.remember(hash, ana, { generation: 0, now: at(0) });
    expect(cache.size).toBe(2);
    expect(cache.recall("a", at(1))).toBeUndefined();
    expect(cache.recall("c", at(1))).toEqual(ana);
  });

  it("keeps nothing with a time to live of 0", () => {
    const cache = createLocalCredentialCache({ ttlMs: 0 });
    cache.remember("s-1", ana, { generation: 0, now: at(0) });
    expect(cache.size).toBe(0);
  });

  it("hands out a copy nobody can change", () => {
    const cache = createLocalCredentialCache();
    const actor = { ...ana };
    cache.remember("s-1", actor, { generation: 0, now: at(0) });
    actor.role = "owner";
    const recalled = cache.recall("s-1", at(1));
    expect(recalled?.role).toBe("agent");
    expect(Object.isFrozen(recalled)).toBe(true);
  });
});
