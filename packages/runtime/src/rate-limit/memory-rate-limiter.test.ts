import { describe, expect, it } from "vitest";
import { createMemoryRateLimiter } from "./memory-rate-limiter";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("memory rate limiter", () => {
  it("allows `limit` hits per window, then answers how long to wait", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ now: time.now });

    const hits = [];
    for (let i = 0; i < 4; i += 1) hits.push(await limiter.consume("login:ana", 3, 60));

    expect(hits).toEqual([
      { allowed: true, remaining: 2, retryAfterSeconds: 0, resetSeconds: 60 },
      { allowed: true, remaining: 1, retryAfterSeconds: 0, resetSeconds: 60 },
      { allowed: true, remaining: 0, retryAfterSeconds: 0, resetSeconds: 60 },
      { allowed: false, remaining: 0, retryAfterSeconds: 60, resetSeconds: 60 },
    ]);

    time.advance(30_500);
    expect(await limiter.consume("login:ana", 3, 60)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 30,
      resetSeconds: 30,
    });
  });

  it("tells when the window ends while hits are still allowed", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ now: time.now });
    await limiter.consume("api:key-1", 5, 60);

    time.advance(20_000);

    expect(await limiter.consume("api:key-1", 5, 60)).toEqual({
      allowed: true,
      remaining: 3,
      retryAfterSeconds: 0,
      resetSeconds: 40,
    });
  });

  it("starts a fresh window once the previous one ended", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ now: time.now });
    await limiter.consume("login:ana", 1, 60);
    expect((await limiter.consume("login:ana", 1, 60)).allowed).toBe(false);

    time.advance(60_000);

    expect(await limiter.consume("login:ana", 1, 60)).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterSeconds: 0,
      resetSeconds: 60,
    });
  });

  it("counts each key separately", async () => {
    const limiter = createMemoryRateLimiter({ now: clock().now });
    await limiter.consume("login:ana", 1, 60);

    expect((await limiter.consume("login:bia", 1, 60)).allowed).toBe(true);
    expect((await limiter.consume("login:ana", 1, 60)).allowed).toBe(false);
  });

  it("takes back a refunded hit, so an attempt that must not count frees its place", async () => {
    const limiter = createMemoryRateLimiter({ now: clock().now });
    await limiter.consume("login:ana", 2, 60);
    await limiter.consume("login:ana", 2, 60);
    await limiter.refund("login:ana");

    expect(await limiter.consume("login:ana", 2, 60)).toEqual({
      allowed: true,
      remaining: 0,
      retryAfterSeconds: 0,
      resetSeconds: 60,
    });
    expect((await limiter.consume("login:ana", 2, 60)).allowed).toBe(false);
  });

  it("refunds nothing below zero, for an unknown key or once the window ended", async () => {
    const time = clock();
    const limiter = createMemoryRateLimiter({ now: time.now });
    await limiter.refund("login:ana");
    await limiter.consume("login:bia", 1, 60);
    await limiter.refund("login:bia");
    await limiter.refund("login:bia");
    await limiter.consume("login:bia", 1, 60);
    expect((await limiter.consume("login:bia", 1, 60)).allowed).toBe(false);
    expect((await limiter.consume("login:ana", 1, 60)).allowed).toBe(true);
    expect((await limiter.consume("login:ana", 1, 60)).allowed).toBe(false);

    time.advance(60_000);
    await limiter.refund("login:ana");
    await limiter.consume("login:ana", 1, 60);
    expect((await limiter.consume("login:ana", 1, 60)).allowed).toBe(false);
  });

  it("rejects a window that is not a whole number of seconds", async () => {
    const limiter = createMemoryRateLimiter();
    await expect(limiter.consume("k", 1, 0.5)).rejects.toThrow("windowSeconds");
  });
});
