import { randomUUID } from "node:crypto";
import pg from "pg";
import { openPostgres } from "../client";
import { postgresErrorCode } from "../errors";
import { migrateToLatest } from "../migrator";
import { migrationsFingerprint } from "./migrations-fingerprint";

/*
 * Test databases on a real Postgres are copies of a migrated template: `CREATE DATABASE x TEMPLATE t`
 * takes a fraction of a second, migrating takes much longer. The template's name carries a fingerprint
 * of the migrations, so a changed migration gets a new template; other templates are dropped an hour
 * after they were built.
 */

const TEMPLATE_PREFIX = "crm_template_";
const TEST_PREFIX = "crm_test_";
/** Serializes template creation across processes and concurrent test runs. */
const TEMPLATE_LOCK = 7_243_318_004;
/** Test databases older than this are leftovers of a crashed run. */
const LEFTOVER_AGE_MS = 60 * 60 * 1000;
/** A template of other migrations may still serve a run that started before them. */
const STALE_AGE_MS = 60 * 60 * 1000;

export const templateName = () => `${TEMPLATE_PREFIX}${migrationsFingerprint()}`;

let ensured: Promise<string> | undefined;

/** Creates the migrated template once (per process, and across processes through an advisory lock). */
export function ensureTemplate(adminUrl: string): Promise<string> {
  ensured ??= buildTemplate(adminUrl).catch((error: unknown) => {
    ensured = undefined;
    throw error;
  });
  return ensured;
}

async function buildTemplate(adminUrl: string): Promise<string> {
  const name = templateName();
  await withAdmin(adminUrl, async (admin) => {
    await admin.query("select pg_advisory_lock($1)", [TEMPLATE_LOCK]);
    try {
      const { rows } = await admin.query<{ datistemplate: boolean }>(
        "select datistemplate from pg_database where datname = $1",
        [name],
      );
      if (rows[0]?.datistemplate) return;
      // Present but not marked as template: a run died while migrating it.
      if (rows[0]) await admin.query(`drop database ${quote(name)} with (force)`);
      await admin.query(`create database ${quote(name)}`);
      const handle = openPostgres(databaseUrlFor(adminUrl, name), { poolMax: 1 });
      try {
        await migrateToLatest(handle.db);
      } finally {
        await handle.close();
      }
      await admin.query(`alter database ${quote(name)} is_template true allow_connections false`);
      await admin.query(`comment on database ${quote(name)} is '${new Date().toISOString()}'`);
      await dropStaleTemplates(admin, name);
    } finally {
      await admin.query("select pg_advisory_unlock($1)", [TEMPLATE_LOCK]);
    }
  });
  return name;
}

/** Templates of other migration sets, once old enough that no run still copies them. */
async function dropStaleTemplates(admin: pg.Client, current: string) {
  const { rows } = await admin.query<{ datname: string; builtAt: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as "builtAt"
     from pg_database where starts_with(datname, $1) and datname <> $2`,
    [TEMPLATE_PREFIX, current],
  );
  for (const { datname, builtAt } of rows) {
    const builtMs = Date.parse(builtAt ?? "");
    if (!Number.isNaN(builtMs) && Date.now() - builtMs < STALE_AGE_MS) continue;
    await admin.query(`alter database ${quote(datname)} is_template false`);
    await admin.query(`drop database ${quote(datname)} with (force)`);
  }
}

/** A new database copied from the template; the name records its creation time for leftover cleanup. */
export async function createFromTemplate(adminUrl: string): Promise<{ name: string; url: string }> {
  const name = `${TEST_PREFIX}${Date.now().toString(36)}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const copy = async () => {
    const template = await ensureTemplate(adminUrl);
    await withAdmin(adminUrl, (admin) =>
      admin.query(`create database ${quote(name)} template ${quote(template)}`),
    );
  };
  try {
    await copy();
  } catch (error) {
    // The template vanished (another run dropped it as stale): build it again, once.
    if (postgresErrorCode(error) !== "3D000") throw error;
    ensured = undefined;
    await copy();
  }
  return { name, url: databaseUrlFor(adminUrl, name) };
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${quote(name)} with (force)`));
}

/** Drops test databases a crashed run left behind; recent ones may belong to a run still going. */
export async function dropLeftoverDatabases(adminUrl: string): Promise<string[]> {
  return withAdmin(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where starts_with(datname, $1)",
      [TEST_PREFIX],
    );
    const dropped: string[] = [];
    for (const { datname } of rows) {
      const createdAt = Number.parseInt(datname.slice(TEST_PREFIX.length).split("_")[0] ?? "", 36);
      if (Number.isNaN(createdAt) || Date.now() - createdAt < LEFTOVER_AGE_MS) continue;
      await admin.query(`drop database if exists ${quote(datname)} with (force)`);
      dropped.push(datname);
    }
    return dropped;
  });
}

async function withAdmin<T>(adminUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Our names are [a-z0-9_]; quoting keeps them safe to interpolate into DDL, which takes no parameters. */
const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
