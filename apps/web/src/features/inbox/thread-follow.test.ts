import { describe, expect, it } from "vitest";
import { followDecision, isNearBottom, type NewestChange } from "./thread-follow";

const change = (overrides: Partial<NewestChange>): NewestChange => ({
  previousNewestId: "m1",
  newestId: "m2",
  newestIsOwn: false,
  wasNearBottom: false,
  ...overrides,
});

describe("followDecision", () => {
  it("opens a thread at its end", () => {
    expect(followDecision(change({ previousNewestId: undefined, newestId: "m1" }))).toBe("scroll");
  });

  it("follows a new message when the reader was at the end", () => {
    expect(followDecision(change({ wasNearBottom: true }))).toBe("scroll");
  });

  it("keeps the place of a reader scrolled up into the history, and tells them", () => {
    expect(followDecision(change({ wasNearBottom: false }))).toBe("notify");
  });

  it("always shows the message the user just sent", () => {
    expect(followDecision(change({ newestIsOwn: true, wasNearBottom: false }))).toBe("scroll");
  });

  it("does nothing when older pages load or the newest message only changed", () => {
    expect(followDecision(change({ previousNewestId: "m2", newestId: "m2" }))).toBe("none");
    expect(followDecision(change({ previousNewestId: "m2", newestId: "m2", newestIsOwn: true }))).toBe(
      "none",
    );
    expect(followDecision(change({ previousNewestId: undefined, newestId: undefined }))).toBe("none");
  });
});

describe("isNearBottom", () => {
  it("counts the last stretch of the thread as the end", () => {
    expect(isNearBottom({ scrollHeight: 2000, clientHeight: 500, scrollTop: 1500 })).toBe(true);
    expect(isNearBottom({ scrollHeight: 2000, clientHeight: 500, scrollTop: 1420 })).toBe(true);
    expect(isNearBottom({ scrollHeight: 2000, clientHeight: 500, scrollTop: 1300 })).toBe(false);
    expect(isNearBottom({ scrollHeight: 400, clientHeight: 500, scrollTop: 0 })).toBe(true);
  });
});
