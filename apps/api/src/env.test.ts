import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

describe("loadEnv", () => {
  it("seeds the demo organization on the embedded database only, unless told otherwise", () => {
    const database = { DATABASE_URL: "postgres://crm@db:5432/crm" };
    expect(loadEnv({}).seedDemo).toBe(true);
    expect(loadEnv(database).seedDemo).toBe(false);
    expect(loadEnv({ ...database, SEED_DEMO: "true" }).seedDemo).toBe(true);
    expect(loadEnv({ SEED_DEMO: "false" }).seedDemo).toBe(false);
  });

  it("names the variable a bad value came in", () => {
    expect(() => loadEnv({ SEED_DEMO: "yes" })).toThrow(/SEED_DEMO/);
    expect(() => loadEnv({ WEBSOCKETS: "off" })).toThrow(/WEBSOCKETS/);
  });

  it("takes as REDIS_CHANNEL_PREFIX only a plain name that no database index's channels use", () => {
    expect(loadEnv({ REDIS_CHANNEL_PREFIX: "staging" }).REDIS_CHANNEL_PREFIX).toBe("staging");
    expect(loadEnv({ REDIS_CHANNEL_PREFIX: " " }).REDIS_CHANNEL_PREFIX).toBeUndefined();
    for (const bad of ["crm:events", "db2", "two words"]) {
      expect(() => loadEnv({ REDIS_CHANNEL_PREFIX: bad })).toThrow(
        /REDIS_CHANNEL_PREFIX: may hold only letters/,
      );
    }
  });

  it("PINGs the pub/sub connections every 5 s and gives up on one after 5 s unless told otherwise", () => {
    expect(loadEnv({}).redisHeartbeat).toEqual({ intervalMs: 5_000, timeoutMs: 5_000 });
    const configured = { REDIS_HEARTBEAT_INTERVAL_MS: "2000", REDIS_HEARTBEAT_TIMEOUT_MS: "1500" };
    expect(loadEnv(configured).redisHeartbeat).toEqual({ intervalMs: 2_000, timeoutMs: 1_500 });
    expect(() => loadEnv({ REDIS_HEARTBEAT_INTERVAL_MS: "5s" })).toThrow(/REDIS_HEARTBEAT_INTERVAL_MS/);
    expect(() => loadEnv({ REDIS_HEARTBEAT_TIMEOUT_MS: "10" })).toThrow(/REDIS_HEARTBEAT_TIMEOUT_MS/);
  });

  it("serves WebSockets unless told not to", () => {
    expect(loadEnv({}).websockets).toBe(true);
    expect(loadEnv({ WEBSOCKETS: "false" }).websockets).toBe(false);
  });
});
