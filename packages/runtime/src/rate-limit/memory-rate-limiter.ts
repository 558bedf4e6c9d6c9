import type { RateLimiter, RateLimitResult } from "@crm/domain/shared/rate-limit";
import { assertValidWindow, toResult } from "./window";

export interface MemoryRateLimiterOptions {
  /** Clock in milliseconds; tests pass their own. */
  now?: () => number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** Expired windows are swept once the map grows past this, so unbounded keys cannot leak memory. */
const SWEEP_THRESHOLD = 10_000;

/** Fixed-window limiter for one process (embedded mode). */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();

  function sweep(at: number): void {
    for (const [key, window] of windows) {
      if (window.resetAt <= at) windows.delete(key);
    }
  }

  return {
    async consume(key, limit, windowSeconds): Promise<RateLimitResult> {
      assertValidWindow(limit, windowSeconds);
      const at = now();
      if (windows.size > SWEEP_THRESHOLD) sweep(at);
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        window = { count: 0, resetAt: at + windowSeconds * 1000 };
        windows.set(key, window);
      }
      window.count += 1;
      return toResult(window.count, limit, window.resetAt - at);
    },

    async refund(key): Promise<void> {
      const window = windows.get(key);
      if (window && window.resetAt > now() && window.count > 0) window.count -= 1;
    },
  };
}
