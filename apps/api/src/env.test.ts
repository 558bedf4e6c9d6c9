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

  it("serves WebSockets unless told not to", () => {
    expect(loadEnv({}).websockets).toBe(true);
    expect(loadEnv({ WEBSOCKETS: "false" }).websockets).toBe(false);
  });
});
