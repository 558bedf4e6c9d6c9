import pg from "pg";

/** The server's URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A kept database can be reused when `countSql` (one row, column `n`) finds all it should. */
export async function isSeeded(benchUrl: string, countSql: string, expected: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: benchUrl });
  try {
    await client.connect();
    const result = await client.query<{ n: string }>(countSql);
    return Number(result.rows[0]?.n) === expected;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function recreateDatabase(adminUrl: string, database: string): Promise<void> {
  await dropDatabase(adminUrl, database);
  await adminQuery(adminUrl, `create database ${database}`);
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await adminQuery(adminUrl, `drop database if exists ${database} with (force)`);
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The benchmark's own database on DATABASE_URL's server: kept with BENCH_REUSE=1 when `seeded` finds it
 * complete, else created empty. `finish()` drops it unless BENCH_KEEP=1.
 */
export async function prepareBenchDatabase(
  settings: Record<string, string | undefined>,
  database: string,
  seeded: { countSql: string; expected: number },
) {
  const adminUrl = settings.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL is required: the benchmark runs on PostgreSQL");
  const benchUrl = withDatabase(adminUrl, database);
  const reuse = settings.BENCH_REUSE === "1" && (await isSeeded(benchUrl, seeded.countSql, seeded.expected));
  if (!reuse) await recreateDatabase(adminUrl, database);
  return {
    benchUrl,
    reuse,
    async finish() {
      if (settings.BENCH_KEEP !== "1") await dropDatabase(adminUrl, database);
    },
  };
}
