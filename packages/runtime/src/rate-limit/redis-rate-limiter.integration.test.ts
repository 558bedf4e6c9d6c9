import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedisConnection } from "../redis/connection";
import { deleteKeysWithPrefix } from "../testing/redis-cleanup";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { createRedisRateLimiter } from "./redis-rate-limiter";

const url = redisTestUrl();

describe.skipIf(!url)("Redis rate limiter", () => {
  let redis: Redis;
  const prefix = `${uniqueTestPrefix("ratelimit")}:`;

  beforeAll(() => {
    redis = createRedisConnection(url ?? "");
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it("allows `limit` hits per window, then answers how long to wait", async () => {
    const limiter = createRedisRateLimiter(redis, { prefix });

    const hits = [];
    for (let i = 0; i < 4; i += 1) hits.push(await limiter.consume("login:ana", 3, 60));

    const resetSeconds = expect.any(Number);
    expect(hits.slice(0, 3)).toEqual([
      { allowed: true, remaining: 2, retryAfterSeconds: 0, resetSeconds },
      { allowed: true, remaining: 1, retryAfterSeconds: 0, resetSeconds },
      { allowed: true, remaining: 0, retryAfterSeconds: 0, resetSeconds },
    ]);
    expect(hits[3]).toMatchObject({ allowed: false, remaining: 0 });
    expect(hits[3]?.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(hits[3]?.retryAfterSeconds).toBeLessThanOrEqual(60);
    for (const hit of hits) {
      expect(hit.resetSeconds).toBeGreaterThanOrEqual(59);
      expect(hit.resetSeconds).toBeLessThanOrEqual(60);
    }
  });

  it("sets the expiry on the first hit only, so later hits do not extend the window", async () => {
    const limiter = createRedisRateLimiter(redis, { prefix });
    await limiter.consume("api:key-1", 10, 100);
    await redis.pexpire(`${prefix}api:key-1`, 20_000);

    await limiter.consume("api:key-1", 10, 100);

    expect(await redis.pttl(`${prefix}api:key-1`)).toBeLessThanOrEqual(20_000);
  });

  it("counts each key separately", async () => {
    const limiter = createRedisRateLimiter(redis, { prefix });
    await limiter.consume("login:bia", 1, 60);

    expect((await limiter.consume("login:caio", 1, 60)).allowed).toBe(true);
    expect((await limiter.consume("login:bia", 1, 60)).allowed).toBe(false);
  });

  it("takes back a refunded hit and keeps the window's expiry", async () => {
    const limiter = createRedisRateLimiter(redis, { prefix });
    await limiter.consume("login:eva", 2, 100);
    await limiter.consume("login:eva", 2, 100);
    await redis.pexpire(`${prefix}login:eva`, 20_000);

    await limiter.refund("login:eva");

    expect(await redis.get(`${prefix}login:eva`)).toBe("1");
    expect(await redis.pttl(`${prefix}login:eva`)).toBeGreaterThan(0);
    expect(await redis.pttl(`${prefix}login:eva`)).toBeLessThanOrEqual(20_000);
    expect((await limiter.consume("login:eva", 2, 100)).allowed).toBe(true);
    expect((await limiter.consume("login:eva", 2, 100)).allowed).toBe(false);
  });

  it("refunds nothing below zero and leaves no key behind for a window that already ended", async () => {
    const limiter = createRedisRateLimiter(redis, { prefix });
    await limiter.refund("login:fred");
    expect(await redis.exists(`${prefix}login:fred`)).toBe(0);

    await limiter.consume("login:gil", 1, 60);
    await limiter.refund("login:gil");
    await limiter.refund("login:gil");
    expect(await redis.get(`${prefix}login:gil`)).toBe("0");
  });

  it("starts a fresh window once the previous one expired", async () => {
    const limiter = createRedisRateLimiter(redis, { prefix });
    await limiter.consume("login:dani", 1, 1);
    expect((await limiter.consume("login:dani", 1, 1)).allowed).toBe(false);

    await vi.waitFor(async () => expect((await limiter.consume("login:dani", 1, 1)).allowed).toBe(true), {
      timeout: 3000,
      interval: 200,
    });
  });
});
