import { sql } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readEnv } from "../cli/env";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "./test-database";

const slow = 120_000;
const { databaseUrl } = readEnv();

describe("createTestDatabase", () => {
  const opened: DatabaseHandle[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((handle) => handle.close()));
    vi.unstubAllEnvs();
  });

  it(
    "gives each caller its own migrated database",
    async () => {
      const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
      if (!first || !second) throw new Error("expected two databases");
      opened.push(first, second);
      await first.db.insertInto("organizations").values({ name: "Only here", slug: "only-here" }).execute();
      const inSecond = await second.db.selectFrom("organizations").select("slug").execute();
      expect(inSecond).toEqual([]);
      expect(first.kind).toBe(databaseUrl ? "postgres" : "pglite");
      await first.ping();
    },
    slow,
  );

  it("refuses to fall back to PGlite when REQUIRE_SERVICES=1 and DATABASE_URL is unset", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("REQUIRE_SERVICES", "1");
    await expect(createTestDatabase()).rejects.toThrow(/REQUIRE_SERVICES=1 but DATABASE_URL is not set/);
  });

  it.runIf(databaseUrl)(
    "drops its Postgres database on close",
    async () => {
      const handle = await createTestDatabase();
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(handle.db);
      const name = rows[0]?.name;
      await handle.close();
      await handle.close();
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        const left = await admin.query("select 1 from pg_database where datname = $1", [name]);
        expect(name).toMatch(/^crm_test_/);
        expect(left.rowCount).toBe(0);
      } finally {
        await admin.end();
      }
    },
    slow,
  );
});
