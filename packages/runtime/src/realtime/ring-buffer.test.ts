import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ring-buffer";

describe("ring buffer", () => {
  it("keeps the newest items up to its capacity, oldest first", () => {
    const ring = new RingBuffer<number>(3);
    for (const n of [1, 2, 3, 4, 5]) ring.push(n);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.newest()).toBe(5);
  });

  it("drops from the oldest end while the predicate holds", () => {
    const ring = new RingBuffer<number>(5);
    for (const n of [1, 2, 3, 1]) ring.push(n);
    ring.dropWhile((n) => n < 3);
    expect(ring.toArray()).toEqual([3, 1]);
    ring.push(7);
    expect(ring.size).toBe(3);
  });
});
