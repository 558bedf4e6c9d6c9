import { sql } from "kysely";
import { Migrator, NO_MIGRATIONS } from "kysely/migration";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "./cli/env";
import { type DatabaseHandle, openPostgres } from "./client";
import { migrations } from "./migrations";
import { migrateToLatest } from "./migrator";
import { createTestDatabase } from "./testing/test-database";

const slow = 120_000;
const allNames = Object.keys(migrations);
const { databaseUrl } = readEnv();

describe("migrateToLatest", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  }, slow);
  afterAll(() => handle?.close());

  it("applies nothing to an up-to-date database", async () => {
    expect(await migrateToLatest(handle.db)).toEqual({ applied: [] });
  });

  it(
    "reverts every migration with down() and applies them all again",
    async () => {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
      const reverted = await migrator.migrateTo(NO_MIGRATIONS);
      expect(reverted.error).toBeUndefined();
      expect(await handle.db.introspection.getTables()).toEqual([]);
      expect(await migrateToLatest(handle.db)).toEqual({ applied: allNames });
    },
    slow,
  );

  it("serializes two concurrent runs on one handle: each migration applies once", async () => {
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    const lastButOne = allNames.at(-2) ?? NO_MIGRATIONS;
    expect((await migrator.migrateTo(lastButOne)).error).toBeUndefined();
    const runs = await Promise.all([migrateToLatest(handle.db), migrateToLatest(handle.db)]);
    expect(runs.flatMap((run) => run.applied)).toEqual(allNames.slice(-1));
  });

  it("throws a clear error when the database ran a migration this code does not know", async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2099-01-01')`.execute(
      handle.db,
    );
    try {
      await expect(migrateToLatest(handle.db)).rejects.toThrow(
        /^Database migration failed: .*9999_from_the_future/,
      );
    } finally {
      await sql`delete from kysely_migration where name = '9999_from_the_future'`.execute(handle.db);
    }
  });
});

describe.runIf(databaseUrl)("two processes migrating one Postgres database at once", () => {
  const adminUrl = databaseUrl ?? "";
  const name = `crm_migrate_race_${process.pid}_${Date.now()}`;

  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  beforeAll(() => admin(`create database "${name}"`));
  afterAll(() => admin(`drop database if exists "${name}" with (force)`));

  it(
    "applies each migration exactly once (the migrator's advisory lock)",
    async () => {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const processes = [openPostgres(url.toString()), openPostgres(url.toString())];
      try {
        const runs = await Promise.all(processes.map((process) => migrateToLatest(process.db)));
        expect(runs.flatMap((run) => run.applied).sort()).toEqual(allNames);
      } finally {
        await Promise.all(processes.map((process) => process.close()));
      }
    },
    slow,
  );
});
