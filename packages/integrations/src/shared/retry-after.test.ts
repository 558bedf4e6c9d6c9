import { describe, expect, it } from "vitest";
import { retryAfterSeconds } from "./retry-after";

describe("a Retry-After header's wait", () => {
  it("reads delta-seconds and HTTP dates, at least a second; nothing from an absent or unreadable one", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterSeconds("7", now)).toBe(7);
    expect(retryAfterSeconds("0", now)).toBe(1);
    expect(retryAfterSeconds("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
    expect(retryAfterSeconds("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(1);
    expect(retryAfterSeconds(undefined, now)).toBeUndefined();
    expect(retryAfterSeconds("soon", now)).toBeUndefined();
  });
});
