import type { Actor } from "@crm/domain/auth/model";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createRecordingLogger } from "../testing/recording-logger";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { createRedisCredentialCache, type RedisCredentialCache } from "./redis-credential-cache";

const url = redisTestUrl();
const ana: Actor = { kind: "user", userId: "u-1", organizationId: "o-1", role: "agent", sessionId: "s-1" };

describe.skipIf(!url)("Redis credential cache", () => {
  const caches: RedisCredentialCache[] = [];
  const open = async (prefix: string) => {
    const cache = createRedisCredentialCache({ url: url ?? "", prefix, logger: createRecordingLogger() });
    caches.push(cache);
    await cache.ready();
    return cache;
  };

  afterAll(async () => {
    await Promise.all(caches.map((cache) => cache.close()));
  });

  it("a revocation on one replica clears every replica on the channel, and only those", async () => {
    const prefix = `${uniqueTestPrefix("credentials")}:`;
    const [a, b, elsewhere] = await Promise.all([open(prefix), open(prefix), open(`${prefix}other:`)]);
    const now = new Date();
    for (const cache of [a, b, elsewhere])
      cache.remember("s-1", ana, { generation: cache.generation(), now });

    await a.revokeAll();
    expect(a.recall("s-1", now)).toBeUndefined();
    await vi.waitFor(() => expect(b.recall("s-1", now)).toBeUndefined());
    // the announcement reached b; the replica on another channel heard nothing
    expect(elsewhere.recall("s-1", now)).toEqual(ana);
  });
});
