import type { RateLimitResult } from "@crm/domain/shared/rate-limit";

export function assertValidWindow(limit: number, windowSeconds: number): void {
  if (!Number.isInteger(limit) || limit < 0)
    throw new Error(`Invalid limit ${limit}: it must be an integer >= 0`);
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new Error(`Invalid windowSeconds ${windowSeconds}: it must be an integer >= 1`);
  }
}

export function toResult(count: number, limit: number, msUntilReset: number): RateLimitResult {
  const allowed = count <= limit;
  const resetSeconds = Math.max(1, Math.ceil(msUntilReset / 1000));
  return {
    allowed,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: allowed ? 0 : resetSeconds,
    resetSeconds,
  };
}
