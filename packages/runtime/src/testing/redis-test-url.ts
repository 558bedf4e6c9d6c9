import { servicesFor } from "./env";

/**
 * REDIS_URL for integration tests, or undefined to skip them. With REQUIRE_SERVICES=1 (CI) a missing Redis
 * throws, so the suite fails instead of silently skipping.
 */
export function redisTestUrl(): string | undefined {
  return servicesFor(["REDIS_URL"], "the Redis integration tests cannot run")?.REDIS_URL;
}

/** A key prefix no other test run shares, so parallel runs against one Redis do not collide. */
export function uniqueTestPrefix(label: string): string {
  return `test-${label}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
