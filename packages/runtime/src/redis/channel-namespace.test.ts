import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { channelNamespace, channelPrefixPattern, databaseIndexOf } from "./channel-namespace";

describe("channel namespace", () => {
  it("leaves database 0 unprefixed, where earlier releases published, and names any other index", () => {
    expect(channelNamespace(0)).toBe("");
    expect(channelNamespace(3)).toBe("db3:");
  });

  it("puts REDIS_CHANNEL_PREFIX first, on every database index", () => {
    expect(channelNamespace(0, "staging")).toBe("staging:");
    expect(channelNamespace(3, "staging")).toBe("staging:db3:");
  });

  it("reads the database index from the URL's path or its db parameter", () => {
    const indexOf = (url: string) => {
      const client = new Redis(url, { lazyConnect: true });
      client.disconnect();
      return databaseIndexOf(client);
    };
    expect(indexOf("redis://127.0.0.1:6379")).toBe(0);
    expect(indexOf("redis://:secret@127.0.0.1:6379/4")).toBe(4);
    expect(indexOf("rediss://127.0.0.1:6380?db=7")).toBe(7);
  });

  it("accepts a plain name as REDIS_CHANNEL_PREFIX and nothing that could reach into another namespace", () => {
    expect(channelPrefixPattern.test("staging")).toBe(true);
    expect(channelPrefixPattern.test("crm-prod.eu_1")).toBe(true);
    for (const bad of ["", "a:b", "with space", "*", "db3", "x".repeat(65)]) {
      expect(channelPrefixPattern.test(bad)).toBe(false);
    }
  });
});
