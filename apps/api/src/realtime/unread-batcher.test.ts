import { describe, expect, it } from "vitest";
import { createUnreadBatcher } from "./unread-batcher";

function countingReads() {
  const calls: string[][] = [];
  return {
    calls,
    reads: {
      unreadByUser: async (_organizationId: string, _conversationId: string, userIds: string[]) => {
        calls.push(userIds);
        return new Map(userIds.map((userId, index) => [userId, index + 1]));
      },
    },
  };
}

describe("unread batcher", () => {
  it("asks once for the users that need the same event's count in the same turn", async () => {
    const { calls, reads } = countingReads();
    const batcher = createUnreadBatcher(reads);
    const counts = await Promise.all([
      batcher.get("org", "c1", "u1", "1-0"),
      batcher.get("org", "c1", "u2", "1-0"),
      batcher.get("org", "c1", "u1", "1-0"),
    ]);
    expect(counts).toEqual([1, 2, 1]);
    expect(calls).toEqual([["u1", "u2"]]);
  });

  it("remembers an event's counts for connections that get to it later", async () => {
    const { calls, reads } = countingReads();
    const batcher = createUnreadBatcher(reads);
    expect(await batcher.get("org", "c1", "u1", "1-0")).toBe(1);
    expect(await batcher.get("org", "c1", "u1", "1-0")).toBe(1);
    expect(await batcher.get("org", "c1", "u2", "1-0")).toBe(1);
    expect(await batcher.get("org", "c1", "u1", "2-0")).toBe(1);
    expect(calls).toEqual([["u1"], ["u2"], ["u1"]]);
  });

  it("asks again after a failure", async () => {
    let fail = true;
    const batcher = createUnreadBatcher({
      unreadByUser: async () => {
        if (fail) throw new Error("database down");
        return new Map([["u1", 3]]);
      },
    });
    await expect(batcher.get("org", "c1", "u1", "1-0")).rejects.toThrow("database down");
    fail = false;
    expect(await batcher.get("org", "c1", "u1", "1-0")).toBe(3);
  });
});
