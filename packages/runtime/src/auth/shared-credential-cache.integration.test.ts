import type { Actor } from "@crm/domain/auth/model";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createRedisEventBus, type RedisEventBus } from "../events/redis-event-bus";
import { createRecordingLogger } from "../testing/recording-logger";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { createSharedCredentialCache } from "./shared-credential-cache";

const url = redisTestUrl();
const ana: Actor = { kind: "user", userId: "u-1", organizationId: "o-1", role: "agent", sessionId: "s-1" };

describe.skipIf(!url)("shared credential cache over Redis", () => {
  const buses: RedisEventBus[] = [];
  const open = async (channel: string) => {
    const logger = createRecordingLogger();
    const revocations = createRedisEventBus({ url: url ?? "", channel, logger });
    buses.push(revocations);
    await revocations.ready();
    return createSharedCredentialCache({ revocations, logger });
  };

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
  });

  it("a revocation on one replica clears every replica on the channel, and only those", async () => {
    const channel = `${uniqueTestPrefix("credentials")}:revocations`;
    const [a, b, elsewhere] = await Promise.all([open(channel), open(channel), open(`${channel}:other`)]);
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
