export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
  /** Seconds until the current window ends and the key has `limit` hits again (at least 1). */
  resetSeconds: number;
}

/** Fixed-window counter: `limit` hits per `windowSeconds` per key. */
export interface RateLimiter {
  consume(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  /**
   * Gives back one hit of the key's current window, for an attempt that must not count (a successful login).
   * Counting first and giving back after is what keeps parallel attempts from all passing before any counts.
   * Once the window has ended there is nothing to give back; a count never goes below zero.
   */
  refund(key: string): Promise<void>;
}
